package dev.lamina.ops;

import dev.lamina.Tensor;
import dev.lamina.kernels.Shapes;
import dev.lamina.kernels.Window2d;

/** The checks every pooling op makes of its input and window, with PyTorch's limits. */
final class PoolWindows {
  private PoolWindows() {}

  /**
   * The window of {@code op} over {@code x}, which must be {@code [N, C, H, W]}; padding may be at
   * most half the dilated kernel, so that every window holds at least one input. A {@code null}
   * dilation is 1 (average pooling has none).
   */
  static Window2d of(String op, Tensor x, int[] kernel, int[] stride, int[] padding,
      int[] dilation) {
    int[] xs = requireImages(op, x);
    Window2d w = Window2d.of(op, xs[2], xs[3], kernel, stride, padding,
        dilation == null ? new int[] {1} : dilation);
    int halfHeight = (w.dilationHeight * (w.kernelHeight - 1) + 1) / 2;
    int halfWidth = (w.dilationWidth * (w.kernelWidth - 1) + 1) / 2;
    if (w.paddingHeight > halfHeight || w.paddingWidth > halfWidth) {
      throw new IllegalArgumentException(
          op + ": padding " + Shapes.format(padding) + " must be at most half of the kernel size "
              + Shapes.format(kernel) + (dilation == null ? "" : " dilated by "
              + Shapes.format(dilation)));
    }
    return w;
  }

  /** The shape of {@code x}, checked to be {@code [N, C, H, W]}. */
  static int[] requireImages(String op, Tensor x) {
    int[] xs = x.shape();
    if (xs.length != 4) {
      throw new IllegalArgumentException(
          op + ": expected input [N, C, H, W] or unbatched [C, H, W], got " + Shapes.format(xs));
    }
    return xs;
  }
}
