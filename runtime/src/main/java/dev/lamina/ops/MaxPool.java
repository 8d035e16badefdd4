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
 */
public final class MaxPool extends Function {
  private final int[] inShape;
  /** Per output element, the flat position of its maximum within its input plane. */
  private final int[] argmax;
  private final int outPositions;

  private MaxPool(Tensor x, int[] argmax, int outPositions) {
    super(x);
    this.inShape = x.shape();
    this.argmax = argmax;
    this.outPositions = outPositions;
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
    for (int p = 0; p < planes; p++) {
      int base = p * plane;
      for (int oh = 0; oh < w.outHeight; oh++) {
        for (int ow = 0; ow < w.outWidth; ow++) {
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
              int at = ih * w.inWidth + iw;
              float v = in[base + at];
              // NaN wins, as in PyTorch.
              if (best < 0 || v > bestValue || (Float.isNaN(v) && !Float.isNaN(bestValue))) {
                best = at;
                bestValue = v;
              }
            }
          }
          int k = p * positions + oh * w.outWidth + ow;
          out[k] = bestValue;
          argmax[k] = best;
        }
      }
    }
    return record(Tensor.wrap(out, xs[0], xs[1], w.outHeight, w.outWidth),
        new MaxPool(x, argmax, positions));
  }

  @Override
  public String name() {
    return "MaxPool2DWithIndicesBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    float[] g = Elementwise.values(grad);
    float[] dx = new float[Shapes.numel(inShape)];
    int plane = inShape[2] * inShape[3];
    for (int k = 0; k < argmax.length; k++) {
      if (argmax[k] >= 0) {
        dx[(k / outPositions) * plane + argmax[k]] += g[k];
      }
    }
    return new Tensor[] {Tensor.wrap(dx, inShape)};
  }
}
