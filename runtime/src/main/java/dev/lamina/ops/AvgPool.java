package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.Window2d;

/**
 * Two-dimensional average pooling, PyTorch's {@code F.avg_pool2d} with its defaults
 * {@code ceil_mode=False} and {@code count_include_pad=True}: input {@code [N, C, H, W]}, output
 * {@code [N, C, outH, outW]} with the sizes of {@link Window2d}; each output is the sum of the inputs
 * in its window divided by {@code kh · kw}, padding counting as zeros. Backward spreads each output's
 * gradient, divided by {@code kh · kw}, over the inputs of its window.
 */
public final class AvgPool extends Function {
  private final int[] inShape;
  private final Window2d window;

  private AvgPool(Tensor x, Window2d window) {
    super(x);
    this.inShape = x.shape();
    this.window = window;
  }

  /**
   * The window means of {@code x} {@code [N, C, H, W]}: windows {@code kernel} moved by
   * {@code stride} ({@code null}: the kernel size), after zero {@code padding} on each side; each
   * hyperparameter has one entry (both dimensions) or two.
   *
   * @throws IllegalArgumentException for an input that is not 4-d, or padding more than half the
   *     kernel, as PyTorch refuses
   */
  public static Tensor apply(Tensor x, int[] kernel, int[] stride, int[] padding) {
    Window2d w = PoolWindows.of("avg_pool2d", x, kernel, stride, padding, null);
    int[] xs = x.shape();
    float[] in = Elementwise.values(x);
    float[] out = new float[xs[0] * xs[1] * w.outPositions()];
    visit(w, xs[0] * xs[1], (output, input) -> out[output] += in[input]);
    float scale = 1f / (w.kernelHeight * w.kernelWidth);
    for (int k = 0; k < out.length; k++) {
      out[k] *= scale;
    }
    return record(Tensor.wrap(out, xs[0], xs[1], w.outHeight, w.outWidth), new AvgPool(x, w));
  }

  @Override
  public String name() {
    return "AvgPool2DBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    float[] g = Elementwise.values(grad);
    float[] dx = new float[inShape[0] * inShape[1] * inShape[2] * inShape[3]];
    float scale = 1f / (window.kernelHeight * window.kernelWidth);
    visit(window, inShape[0] * inShape[1], (output, input) -> dx[input] += g[output] * scale);
    return new Tensor[] {Tensor.wrap(dx, inShape)};
  }

  /** Calls {@code pair} for every (output, input) position of every window that is not padding. */
  private static void visit(Window2d w, int planes, Pairs pair) {
    int plane = w.inHeight * w.inWidth;
    int positions = w.outPositions();
    for (int p = 0; p < planes; p++) {
      for (int oh = 0; oh < w.outHeight; oh++) {
        int top = oh * w.strideHeight - w.paddingHeight;
        int rowStart = Math.max(top, 0);
        int rowEnd = Math.min(top + w.kernelHeight, w.inHeight);
        for (int ow = 0; ow < w.outWidth; ow++) {
          int left = ow * w.strideWidth - w.paddingWidth;
          int colStart = Math.max(left, 0);
          int colEnd = Math.min(left + w.kernelWidth, w.inWidth);
          int output = p * positions + oh * w.outWidth + ow;
          for (int ih = rowStart; ih < rowEnd; ih++) {
            for (int iw = colStart; iw < colEnd; iw++) {
              pair.visit(output, p * plane + ih * w.inWidth + iw);
            }
          }
        }
      }
    }
  }

  private interface Pairs {
    void visit(int output, int input);
  }
}
