package dev.lamina.ops;

import dev.lamina.Tensor;
import dev.lamina.kernels.Shapes;
import dev.lamina.kernels.Window2d;
import dev.lamina.shape.OpShapes;

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
    int[] k = Window2d.pair(op, "kernel_size", kernel, 1);
    int[] s = stride == null ? k : Window2d.pair(op, "stride", stride, 1);
    int[] p = Window2d.pair(op, "padding", padding, 0);
    int[] d = dilation == null ? new int[] {1, 1} : Window2d.pair(op, "dilation", dilation, 1);
    OpShapes.pool2d(op, xs, k, s, p, d);
    return Window2d.of(op, xs[2], xs[3], k, s, p, d);
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
