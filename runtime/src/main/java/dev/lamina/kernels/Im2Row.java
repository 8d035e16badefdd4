package dev.lamina.kernels;

import java.util.Arrays;

/**
 * Unfolds image patches channels last, one output position's patch after the other:
 * {@link Im2Col}'s matrix transposed, with its rows in another order. Where {@link Im2Col} copies
 * runs of {@code outWidth} values, this copies runs of {@code kw · channels}: for a small image
 * with several channels (12x12, 8 channels and a 5x5 kernel: runs of 40 instead of 8) far fewer
 * copies move the same values.
 *
 * <p>Layout: for {@code channels} planes of {@code inHeight x inWidth} at {@code image[offset]},
 * the matrix is row-major {@code [outHeight * outWidth, kh * kw * channels]}; entry
 * {@code [oh * outWidth + ow, (i * kw + j) * channels + c]} holds the input value at
 * {@code (c, oh * sh - ph + i * dh, ow * sw - pw + j)}, 0 where that falls in the padding. The
 * width is not dilated (a run is contiguous only then): {@link #applies} says when a window can be
 * unfolded so. The weight that multiplies it is PyTorch's {@code [out, channels, kh, kw]} with its
 * last three dimensions permuted to {@code [out, kh, kw, channels]} ({@link #toPatchOrder}).
 *
 * <p>The unfolding goes through a scratch copy of the image, channels last
 * ({@code [inHeight, inWidth, channels]}, {@code channels * inHeight * inWidth} floats), so that a
 * patch's row is contiguous there.
 */
public final class Im2Row {
  private Im2Row() {}

  /**
   * Whether {@code w} over {@code channels} channels can be unfolded channels last (its width is
   * not dilated) and its runs so, {@code kw · channels} values, are at least twice as long as
   * {@link Im2Col}'s, the output's width.
   */
  public static boolean applies(Window2d w, int channels) {
    return w.dilationWidth == 1 && !w.isPointwise()
        && (long) w.kernelWidth * channels >= 2L * w.outWidth;
  }

  /**
   * Writes the patches of {@code channels} planes of {@code image} at {@code offset} into
   * {@code patches} from {@code at}, through {@code scratch}.
   */
  public static void unfold(float[] image, int offset, int channels, Window2d w, float[] scratch,
      float[] patches, int at) {
    toChannelsLast(image, offset, channels, w.inHeight * w.inWidth, scratch);
    int run = w.kernelWidth * channels;
    int dst = at;
    for (int oh = 0; oh < w.outHeight; oh++) {
      for (int ow = 0; ow < w.outWidth; ow++) {
        int left = ow * w.strideWidth - w.paddingWidth;
        int first = Math.max(0, -left);
        int last = Math.min(w.kernelWidth, w.inWidth - left);
        for (int i = 0; i < w.kernelHeight; i++, dst += run) {
          int ih = oh * w.strideHeight - w.paddingHeight + i * w.dilationHeight;
          if (ih < 0 || ih >= w.inHeight || first >= last) {
            Arrays.fill(patches, dst, dst + run, 0f);
            continue;
          }
          if (first > 0) {
            Arrays.fill(patches, dst, dst + first * channels, 0f);
          }
          System.arraycopy(scratch, (ih * w.inWidth + left + first) * channels, patches,
              dst + first * channels, (last - first) * channels);
          if (last < w.kernelWidth) {
            Arrays.fill(patches, dst + last * channels, dst + run, 0f);
          }
        }
      }
    }
  }

  /**
   * {@code rows} weight rows of {@code channels * kh * kw} values from {@code weight[offset]}, each
   * in PyTorch's order {@code (c, i, j)}, written to {@code out} in patch order {@code (i, j, c)}.
   */
  public static void toPatchOrder(float[] weight, int offset, int rows, int channels, Window2d w,
      float[] out) {
    transposeBlocks(weight, offset, out, 0, rows, channels, w.kernelHeight * w.kernelWidth);
  }

  /** The inverse of {@link #toPatchOrder}: rows in patch order written back in PyTorch's order. */
  public static void toWeightOrder(float[] patchOrder, int rows, int channels, Window2d w,
      float[] out, int offset) {
    transposeBlocks(patchOrder, 0, out, offset, rows, w.kernelHeight * w.kernelWidth, channels);
  }

  private static void toChannelsLast(float[] image, int offset, int channels, int plane,
      float[] scratch) {
    transposeBlocks(image, offset, scratch, 0, 1, channels, plane);
  }

  /**
   * Each of {@code blocks} consecutive row-major {@code [rows, cols]} blocks of {@code src} (from
   * {@code srcOffset}) written transposed, {@code [cols, rows]}, to {@code dst} from
   * {@code dstOffset}.
   */
  private static void transposeBlocks(float[] src, int srcOffset, float[] dst, int dstOffset,
      int blocks, int rows, int cols) {
    for (int b = 0; b < blocks; b++) {
      int base = b * rows * cols;
      for (int i = 0; i < rows; i++) {
        int from = srcOffset + base + i * cols;
        for (int j = 0; j < cols; j++) {
          dst[dstOffset + base + j * rows + i] = src[from + j];
        }
      }
    }
  }
}
