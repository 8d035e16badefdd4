package dev.lamina.kernels;

import java.util.Arrays;

/**
 * Unfolds image patches into the columns of a matrix, so that a convolution becomes one matrix
 * product, and folds such a matrix back, adding overlapping entries, for its gradient.
 *
 * <p>Layout: for {@code channels} planes of {@code inHeight x inWidth} at {@code image[offset]},
 * the matrix is row-major {@code [channels * kh * kw, outHeight * outWidth]}; row
 * {@code (c * kh + i) * kw + j} holds, for every output position {@code (oh, ow)}, the input value at
 * {@code (c, oh * sh - ph + i * dh, ow * sw - pw + j * dw)}, 0 where that falls in the padding. The
 * row order is that of a PyTorch weight {@code [out, channels, kh, kw]} flattened to
 * {@code [out, channels * kh * kw]}, so that {@code weight · columns} is the convolution.
 */
public final class Im2Col {
  private Im2Col() {}

  /**
   * Writes the columns of {@code channels} planes of {@code image} at {@code offset} into
   * {@code columns} from {@code at}.
   */
  public static void unfold(float[] image, int offset, int channels, Window2d w, float[] columns,
      int at) {
    int plane = w.inHeight * w.inWidth;
    int outW = w.outWidth;
    int row = 0;
    for (int c = 0; c < channels; c++) {
      int planeStart = offset + c * plane;
      for (int i = 0; i < w.kernelHeight; i++) {
        for (int j = 0; j < w.kernelWidth; j++, row++) {
          int base = at + row * w.outPositions();
          int colOffset = j * w.dilationWidth - w.paddingWidth;
          int first = Window2d.firstInside(colOffset, w.strideWidth, outW);
          int last = Window2d.endInside(colOffset, w.strideWidth, w.inWidth, first, outW);
          for (int oh = 0; oh < w.outHeight; oh++) {
            int ih = oh * w.strideHeight - w.paddingHeight + i * w.dilationHeight;
            int dst = base + oh * outW;
            if (ih < 0 || ih >= w.inHeight) {
              Arrays.fill(columns, dst, dst + outW, 0f);
              continue;
            }
            Arrays.fill(columns, dst, dst + first, 0f);
            Arrays.fill(columns, dst + last, dst + outW, 0f);
            int src = planeStart + ih * w.inWidth + colOffset;
            if (w.strideWidth == 1) {
              System.arraycopy(image, src + first, columns, dst + first, last - first);
            } else {
              for (int ow = first; ow < last; ow++) {
                columns[dst + ow] = image[src + ow * w.strideWidth];
              }
            }
          }
        }
      }
    }
  }

  /**
   * The adjoint of {@link #unfold}: adds every entry of {@code columns} onto the image position it
   * was read from ({@code image[offset]}, {@code channels} planes); padding entries are dropped.
   */
  public static void foldAdd(float[] columns, int channels, Window2d w, float[] image, int offset) {
    int plane = w.inHeight * w.inWidth;
    int outW = w.outWidth;
    int row = 0;
    for (int c = 0; c < channels; c++) {
      int planeStart = offset + c * plane;
      for (int i = 0; i < w.kernelHeight; i++) {
        for (int j = 0; j < w.kernelWidth; j++, row++) {
          int base = row * w.outPositions();
          int colOffset = j * w.dilationWidth - w.paddingWidth;
          int first = Window2d.firstInside(colOffset, w.strideWidth, outW);
          int last = Window2d.endInside(colOffset, w.strideWidth, w.inWidth, first, outW);
          for (int oh = 0; oh < w.outHeight; oh++) {
            int ih = oh * w.strideHeight - w.paddingHeight + i * w.dilationHeight;
            if (ih < 0 || ih >= w.inHeight) {
              continue;
            }
            int src = base + oh * outW;
            int dst = planeStart + ih * w.inWidth + colOffset;
            if (w.strideWidth == 1) {
              addRow(columns, src + first, image, dst + first, last - first);
            } else {
              for (int ow = first; ow < last; ow++) {
                image[dst + ow * w.strideWidth] += columns[src + ow];
              }
            }
          }
        }
      }
    }
  }

  /**
   * {@code image[to + k] += columns[from + k]} for {@code k < n}, eight at a time. The rows of a
   * small image's convolution are short (8 for a 12x12 input and a 5x5 kernel), and for them the
   * JIT's vectorized loop, with its alignment pre-loop and scalar post-loop, costs more to set up
   * than it saves: unrolled by hand, the fold of such rows takes about a third less time.
   */
  private static void addRow(float[] columns, int from, float[] image, int to, int n) {
    int k = 0;
    for (; k + 8 <= n; k += 8) {
      image[to + k] += columns[from + k];
      image[to + k + 1] += columns[from + k + 1];
      image[to + k + 2] += columns[from + k + 2];
      image[to + k + 3] += columns[from + k + 3];
      image[to + k + 4] += columns[from + k + 4];
      image[to + k + 5] += columns[from + k + 5];
      image[to + k + 6] += columns[from + k + 6];
      image[to + k + 7] += columns[from + k + 7];
    }
    for (; k < n; k++) {
      image[to + k] += columns[from + k];
    }
  }
}
