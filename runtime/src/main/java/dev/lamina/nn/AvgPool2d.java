package dev.lamina.nn;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Shape;
import dev.lamina.kernels.Window2d;

/**
 * Average pooling over {@code [batch, channels, height, width]} images
 * (or one unbatched {@code [channels, height, width]}), as PyTorch's
 * {@code nn.AvgPool2d} with its defaults {@code ceil_mode=False} and
 * {@code count_include_pad=True}: each window's sum divided by {@code kh * kw}, padding counting as
 * zeros; the stride defaults to the kernel size. The output is {@code [batch, channels, outH, outW]}
 * with {@code outH = (height + 2 * padding - kh) / stride + 1}, checked after each call. Runs
 * {@link Tensor#avgPool2d(int[], int[], int[])}.
 *
 * <pre>{@code
 * AvgPool2d pool = AvgPool2d.create(2);
 * pool.toString();  // AvgPool2d(kernel_size=2, stride=2, padding=0)
 * }</pre>
 *
 * <p>Each hyperparameter is one entry (both dimensions) or two (height, width), kept and printed as
 * given.
 */
@Layer
public abstract class AvgPool2d extends Module {
  final int[] kernelSize;
  final int[] stride;
  final int[] padding;
  // The entries of the hyperparameters above, named for the output shape.
  final int kernelHeight;
  final int kernelWidth;
  final int strideHeight;
  final int strideWidth;
  final int paddingHeight;
  final int paddingWidth;

  AvgPool2d(int[] kernelSize, int[] stride, int[] padding) {
    int[] k = Window2d.pair("AvgPool2d", "kernel_size", kernelSize, 1);
    int[] s = stride == null ? k : Window2d.pair("AvgPool2d", "stride", stride, 1);
    int[] p = Window2d.pair("AvgPool2d", "padding", padding, 0);
    this.kernelSize = kernelSize.clone();
    this.stride = stride == null ? kernelSize.clone() : stride.clone();
    this.padding = padding.clone();
    this.kernelHeight = k[0];
    this.kernelWidth = k[1];
    this.strideHeight = s[0];
    this.strideWidth = s[1];
    this.paddingHeight = p[0];
    this.paddingWidth = p[1];
  }

  /** Pooling over {@code kernelSize x kernelSize} windows that do not overlap. */
  public static AvgPool2d create(int kernelSize) {
    return create(new int[] {kernelSize});
  }

  /** Pooling over windows that do not overlap (the stride is the kernel size). */
  public static AvgPool2d create(int[] kernelSize) {
    return create(kernelSize, null, new int[] {0});
  }

  /**
   * PyTorch's {@code nn.AvgPool2d(kernel_size, stride, padding)}; {@code stride} {@code null}
   * means the kernel size. Padding may be at most half the kernel.
   */
  public static AvgPool2d create(int[] kernelSize, int[] stride, int[] padding) {
    return new Lamina_AvgPool2d(kernelSize, stride, padding);
  }

  @Override
  @Shape({"...", "channels", "(height+2*paddingHeight-kernelHeight)/strideHeight+1",
      "(width+2*paddingWidth-kernelWidth)/strideWidth+1"})
  public Tensor forward(@Shape({"...", "channels", "height", "width"}) Tensor x) {
    return x.avgPool2d(kernelSize, stride, padding);
  }

  @Override
  public String extraRepr() {
    return "kernel_size=" + PoolText.of(kernelSize) + ", stride=" + PoolText.of(stride)
        + ", padding=" + PoolText.of(padding);
  }
}
