package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.Shapes;

/**
 * Two-dimensional adaptive average pooling, PyTorch's {@code F.adaptive_avg_pool2d}: input
 * {@code [N, C, H, W]}, output {@code [N, C, outH, outW]} for any requested size; output row
 * {@code i} averages input rows {@code floor(i · H / outH)} to {@code ceil((i + 1) · H / outH)}
 * (exclusive), and likewise for columns, so windows overlap when the sizes do not divide. Backward
 * spreads each output's gradient evenly over its window.
 */
public final class AdaptiveAvgPool extends Function {
  private final int[] inShape;
  private final int outHeight;
  private final int outWidth;

  private AdaptiveAvgPool(Tensor x, int outHeight, int outWidth) {
    super(x);
    this.inShape = x.shape();
    this.outHeight = outHeight;
    this.outWidth = outWidth;
  }

  /**
   * The window means of {@code x} {@code [N, C, H, W]} in an {@code outHeight x outWidth} grid.
   *
   * @throws IllegalArgumentException for an input that is not 4-d, or an output size that is not
   *     positive
   */
  public static Tensor apply(Tensor x, int outHeight, int outWidth) {
    int[] xs = PoolWindows.requireImages("adaptive_avg_pool2d", x);
    if (outHeight < 1 || outWidth < 1) {
      throw new IllegalArgumentException(
          "adaptive_avg_pool2d: output size must be positive, got " + outHeight + "x" + outWidth);
    }
    if (xs[2] == 0 || xs[3] == 0) {
      throw new IllegalArgumentException(
          "adaptive_avg_pool2d: input " + Shapes.format(xs) + " has no rows or columns to pool");
    }
    float[] in = Elementwise.values(x);
    float[] out = new float[xs[0] * xs[1] * outHeight * outWidth];
    visit(xs, outHeight, outWidth, (output, input, count) -> out[output] += in[input] / count);
    return record(Tensor.wrap(out, xs[0], xs[1], outHeight, outWidth),
        new AdaptiveAvgPool(x, outHeight, outWidth));
  }

  @Override
  public String name() {
    return "AdaptiveAvgPool2DBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    float[] g = Elementwise.values(grad);
    float[] dx = new float[Shapes.numel(inShape)];
    visit(inShape, outHeight, outWidth, (output, input, count) -> dx[input] += g[output] / count);
    return new Tensor[] {Tensor.wrap(dx, inShape)};
  }

  /** Calls {@code pair} for every (output, input) position of every window, with its size. */
  private static void visit(int[] xs, int outHeight, int outWidth, Pairs pair) {
    int height = xs[2];
    int width = xs[3];
    int planes = xs[0] * xs[1];
    for (int p = 0; p < planes; p++) {
      for (int oh = 0; oh < outHeight; oh++) {
        int rowStart = start(oh, height, outHeight);
        int rowEnd = end(oh, height, outHeight);
        for (int ow = 0; ow < outWidth; ow++) {
          int colStart = start(ow, width, outWidth);
          int colEnd = end(ow, width, outWidth);
          int count = (rowEnd - rowStart) * (colEnd - colStart);
          int output = (p * outHeight + oh) * outWidth + ow;
          for (int ih = rowStart; ih < rowEnd; ih++) {
            for (int iw = colStart; iw < colEnd; iw++) {
              pair.visit(output, (p * height + ih) * width + iw, count);
            }
          }
        }
      }
    }
  }

  private static int start(int i, int in, int out) {
    return (int) ((long) i * in / out);
  }

  private static int end(int i, int in, int out) {
    return (int) (((long) (i + 1) * in + out - 1) / out);
  }

  private interface Pairs {
    void visit(int output, int input, int count);
  }
}
