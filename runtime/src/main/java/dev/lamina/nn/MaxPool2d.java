package dev.lamina.nn;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Shape;
import dev.lamina.kernels.Window2d;

/**
 * Max pooling over {@code [batch, channels, height, width]} images
 * (or one unbatched {@code [channels, height, width]}), as PyTorch's
 * {@code nn.MaxPool2d} with {@code ceil_mode=False}: the largest value of each window, padding
 * counting as {@code -inf}; the stride defaults to the kernel size. The output is
 * {@code [batch, channels, outH, outW]} with
 * {@code outH = (height + 2 * padding - dilation * (kh - 1) - 1) / stride + 1}, checked after each
 * call. Runs {@link Tensor#maxPool2d(int[], int[], int[], int[])}.
 *
 * <pre>{@code
 * MaxPool2d pool = MaxPool2d.create(2);
 * pool.toString();  // MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
 * }</pre>
 *
 * <p>Each hyperparameter is one entry (both dimensions) or two (height, width), kept and printed as
 * given, as PyTorch keeps {@code 2} and {@code (2, 2)} apart.
 */
@Layer
public abstract class MaxPool2d extends Module {
  final int[] kernelSize;
  final int[] stride;
  final int[] padding;
  final int[] dilation;
  // The entries of the hyperparameters above, named for the output shape.
  final int kernelHeight;
  final int kernelWidth;
  final int strideHeight;
  final int strideWidth;
  final int paddingHeight;
  final int paddingWidth;
  final int dilationHeight;
  final int dilationWidth;

  MaxPool2d(int[] kernelSize, int[] stride, int[] padding, int[] dilation) {
    int[] k = Window2d.pair("MaxPool2d", "kernel_size", kernelSize, 1);
    int[] s = stride == null ? k : Window2d.pair("MaxPool2d", "stride", stride, 1);
    int[] p = Window2d.pair("MaxPool2d", "padding", padding, 0);
    int[] d = Window2d.pair("MaxPool2d", "dilation", dilation, 1);
    this.kernelSize = kernelSize.clone();
    this.stride = stride == null ? kernelSize.clone() : stride.clone();
    this.padding = padding.clone();
    this.dilation = dilation.clone();
    this.kernelHeight = k[0];
    this.kernelWidth = k[1];
    this.strideHeight = s[0];
    this.strideWidth = s[1];
    this.paddingHeight = p[0];
    this.paddingWidth = p[1];
    this.dilationHeight = d[0];
    this.dilationWidth = d[1];
  }

  /** Pooling over {@code kernelSize x kernelSize} windows that do not overlap. */
  public static MaxPool2d create(int kernelSize) {
    return create(new int[] {kernelSize});
  }

  /** Pooling over windows that do not overlap (the stride is the kernel size). */
  public static MaxPool2d create(int[] kernelSize) {
    return create(kernelSize, null, new int[] {0});
  }

  /** Pooling without dilation; {@code stride} {@code null} means the kernel size. */
  public static MaxPool2d create(int[] kernelSize, int[] stride, int[] padding) {
    return create(kernelSize, stride, padding, new int[] {1});
  }

  /**
   * PyTorch's {@code nn.MaxPool2d(kernel_size, stride, padding, dilation)}; {@code stride}
   * {@code null} means the kernel size. Padding may be at most half the dilated kernel.
   */
  public static MaxPool2d create(int[] kernelSize, int[] stride, int[] padding, int[] dilation) {
    return new Lamina_MaxPool2d(kernelSize, stride, padding, dilation);
  }

  @Override
  @Shape({"...", "channels",
      "(height+2*paddingHeight-dilationHeight*(kernelHeight-1)-1)/strideHeight+1",
      "(width+2*paddingWidth-dilationWidth*(kernelWidth-1)-1)/strideWidth+1"})
  public Tensor forward(@Shape({"...", "channels", "height", "width"}) Tensor x) {
    return x.maxPool2d(kernelSize, stride, padding, dilation);
  }

  @Override
  public String extraRepr() {
    return "kernel_size=" + PoolText.of(kernelSize) + ", stride=" + PoolText.of(stride)
        + ", padding=" + PoolText.of(padding) + ", dilation=" + PoolText.of(dilation)
        + ", ceil_mode=False";
  }
}
