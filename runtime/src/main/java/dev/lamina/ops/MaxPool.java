package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.Shapes;
import dev.lamina.kernels.Window2d;

/**
 * Two-dimensional max pooling, PyTorch's {@code F.max_pool2d} with {@code ceil_mode=False}: input
 * {@code [N, C, H, W]}, output {@code [N, C, outH, outW]} with the sizes of {@link Window2d}; each
 * output is the largest input in its window, padding counting as {@code -inf}, NaN as the largest
 * value. The position of each maximum (the first, in row-major order within the window) is kept, and
 * backward sends each output's gradient there.
 *
 * <p>The windows of the interior, which read no padding, are scanned without bounds checks and
 * without branches on the values (see {@link #orderKey}); those at the border, and the few that
 * hold a NaN, take the checked scan, tap by tap. Backward is a scatter of the gradient to the kept
 * positions.
 */
public final class MaxPool extends Function {
  private final int[] inShape;
  /** Per output element, the flat index in the input of its maximum; -1 for a window of padding. */
  private final int[] argmax;

  private MaxPool(Tensor x, int[] argmax) {
    super(x);
    this.inShape = x.shape();
    this.argmax = argmax;
  }

  /**
   * The maxima of {@code x} {@code [N, C, H, W]} over windows {@code kernel} moved by
   * {@code stride} ({@code null}: the kernel size), after {@code padding} on each side, with taps
   * {@code dilation} apart; each hyperparameter has one entry (both dimensions) or two.
   *
   * @throws IllegalArgumentException for an input that is not 4-d, or padding more than half the
   *     dilated kernel, as PyTorch refuses
   */
  public static Tensor apply(Tensor x, int[] kernel, int[] stride, int[] padding,
      int[] dilation) {
    Window2d w = PoolWindows.of("max_pool2d", x, kernel, stride, padding, dilation);
    int[] xs = x.shape();
    int planes = xs[0] * xs[1];
    int plane = w.inHeight * w.inWidth;
    int positions = w.outPositions();
    float[] in = Elementwise.values(x);
    float[] out = new float[planes * positions];
    int[] argmax = new int[planes * positions];
    int firstRow = w.firstInteriorRow();
    int endRow = w.endInteriorRow();
    int firstColumn = w.firstInteriorColumn();
    int endColumn = w.endInteriorColumn();
    int[] taps = tapOffsets(w);
    for (int p = 0; p < planes; p++) {
      int base = p * plane;
      for (int oh = 0; oh < w.outHeight; oh++) {
        int k = p * positions + oh * w.outWidth;
        if (oh < firstRow || oh >= endRow) {
          border(in, base, w, oh, 0, w.outWidth, out, argmax, k);
          continue;
        }
        border(in, base, w, oh, 0, firstColumn, out, argmax, k);
        interior(in, base, w, taps, oh, firstColumn, endColumn, out, argmax, k);
        border(in, base, w, oh, endColumn, w.outWidth, out, argmax, k);
      }
    }
    return record(Tensor.wrap(out, xs[0], xs[1], w.outHeight, w.outWidth),
        new MaxPool(x, argmax));
  }

  /**
   * Output columns {@code [from, to)} of output row {@code oh}, whose windows lie inside the
   * plane at {@code in[base]}; {@code k} is the output index of the row's column 0.
   */
  private static void interior(float[] in, int base, Window2d w, int[] taps, int oh, int from,
      int to, float[] out, int[] argmax, int k) {
    int stride = w.strideWidth;
    int top = base + (oh * w.strideHeight - w.paddingHeight) * w.inWidth - w.paddingWidth;
    for (int ow = from; ow < to; ow++) {
      int corner = top + ow * stride;
      int best = corner;
      float first = in[corner];
      int bestKey = orderKey(first);
      float sum = first;
      for (int t = 1; t < taps.length; t++) {
        int at = corner + taps[t];
        float v = in[at];
        int key = orderKey(v);
        // Strictly larger: the first maximum stays.
        best = key > bestKey ? at : best;
        bestKey = Math.max(key, bestKey);
        sum += v;
      }
      if (Float.isNaN(sum)) {
        // A NaN in the window (or infinities of both signs): the keys do not order NaNs.
        border(in, base, w, oh, ow, ow + 1, out, argmax, k);
        continue;
      }
      out[k + ow] = in[best];
      argmax[k + ow] = best;
    }
  }

  /** Each tap's offset from the window's first, in row-major order within the window. */
  private static int[] tapOffsets(Window2d w) {
    int[] taps = new int[w.kernelHeight * w.kernelWidth];
    for (int i = 0; i < w.kernelHeight; i++) {
      for (int j = 0; j < w.kernelWidth; j++) {
        taps[i * w.kernelWidth + j] = i * w.dilationHeight * w.inWidth + j * w.dilationWidth;
      }
    }
    return taps;
  }

  /**
   * As {@link #interior}, for windows that may reach into the padding, and for those that hold a
   * NaN: each tap is checked, and compared by PyTorch's rule, {@code v > max || isnan(v)}.
   */
  private static void border(float[] in, int base, Window2d w, int oh, int from, int to,
      float[] out, int[] argmax, int k) {
    for (int ow = from; ow < to; ow++) {
      int best = -1;
      float bestValue = Float.NEGATIVE_INFINITY;
      for (int i = 0; i < w.kernelHeight; i++) {
        int ih = oh * w.strideHeight - w.paddingHeight + i * w.dilationHeight;
        if (ih < 0 || ih >= w.inHeight) {
          continue;
        }
        for (int j = 0; j < w.kernelWidth; j++) {
          int iw = ow * w.strideWidth - w.paddingWidth + j * w.dilationWidth;
          if (iw < 0 || iw >= w.inWidth) {
            continue;
          }
          int at = base + ih * w.inWidth + iw;
          float v = in[at];
          // NaN wins, as in PyTorch.
          if (best < 0 || v > bestValue || (Float.isNaN(v) && !Float.isNaN(bestValue))) {
            best = at;
            bestValue = v;
          }
        }
      }
      out[k + ow] = bestValue;
      argmax[k + ow] = best;
    }
  }

  /**
   * An int that orders floats other than NaN as max pooling compares them, {@code -0} equal to
   * {@code 0}: the interior windows are scanned on these keys because ints select without
   * branches, and on real data which tap is the larger is a coin toss, so that a branch on it
   * mispredicts half the time, which made the scan several times slower. Positive floats order as
   * their bits; negative ones the other way round, so their magnitude bits are flipped.
   */
  static int orderKey(float v) {
    int bits = Float.floatToRawIntBits(v + 0f); // -0 + 0 is 0
    return bits ^ ((bits >> 31) >>> 1);
  }

  @Override
  public String name() {
    return "MaxPool2DWithIndicesBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    float[] g = Elementwise.values(grad);
    float[] dx = new float[Shapes.numel(inShape)];
    for (int k = 0; k < argmax.length; k++) {
      if (argmax[k] >= 0) {
        dx[argmax[k]] += g[k];
      }
    }
    return new Tensor[] {Tensor.wrap(dx, inShape)};
  }
}
