package dev.lamina.nn;

import dev.lamina.Module;
import dev.lamina.PaddingMode;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;
import dev.lamina.annotations.Shape;
import dev.lamina.kernels.Window2d;

/**
 * A 2-d convolution over {@code [batch, inChannels, height, width]} images (or one unbatched
 * {@code [inChannels, height, width]} image), as PyTorch's
 * {@code nn.Conv2d}: weight {@code [outChannels, inChannels / groups, kh, kw]} and bias
 * {@code [outChannels]}, both drawn from U(-1/sqrt(fanIn), 1/sqrt(fanIn)) with
 * {@code fanIn = inChannels / groups * kh * kw} (PyTorch's {@code kaiming_uniform_(a=sqrt(5))}),
 * state-dict keys {@code weight} and {@code bias}; the padding is zeros, or, as PyTorch's
 * {@code padding_mode}, reflected or replicated edges ({@link PaddingMode}). The output is
 * {@code [batch, outChannels, outH, outW]} (unbatched: {@code [outChannels, outH, outW]}) with
 * {@code outH = (height + 2 * padding - dilation * (kh - 1) - 1) / stride + 1}, checked after each
 * call. Runs {@link Tensor#conv2d}.
 *
 * <pre>{@code
 * Conv2d conv = Conv2d.create(1, 6, 5);
 * conv.toString();  // Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1))
 * conv.forward(Tensor.randn(64, 1, 28, 28)).shape();  // [64, 6, 24, 24]
 * }</pre>
 *
 * <p>Kernel size, stride, padding and dilation take one entry (both dimensions) or two
 * (height, width) and are kept as two, as PyTorch keeps them as pairs.
 */
@Layer
public abstract class Conv2d extends Module {
  final int inChannels;
  final int outChannels;
  final int[] kernelSize;
  final int[] stride;
  final int[] padding;
  final int[] dilation;
  final int groups;
  final boolean useBias;
  final PaddingMode paddingMode;
  // The entries of the pairs above, named for the shapes below.
  final int kernelHeight;
  final int kernelWidth;
  final int strideHeight;
  final int strideWidth;
  final int paddingHeight;
  final int paddingWidth;
  final int dilationHeight;
  final int dilationWidth;

  @Param(shape = {"outChannels", "inChannels/groups", "kernelHeight", "kernelWidth"})
  Tensor weight;

  @Param(shape = {"outChannels"}, presentIf = "useBias")
  Tensor bias;

  Conv2d(int inChannels, int outChannels, int[] kernelSize, int[] stride, int[] padding,
      int[] dilation, int groups, boolean useBias, PaddingMode paddingMode) {
    ConvChecks.channels("Conv2d", inChannels, outChannels, groups);
    this.paddingMode = ConvChecks.paddingMode("Conv2d", paddingMode);
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernelSize = Window2d.pair("Conv2d", "kernel_size", kernelSize, 1);
    this.stride = Window2d.pair("Conv2d", "stride", stride, 1);
    this.padding = Window2d.pair("Conv2d", "padding", padding, 0);
    this.dilation = Window2d.pair("Conv2d", "dilation", dilation, 1);
    this.groups = groups;
    this.useBias = useBias;
    this.kernelHeight = this.kernelSize[0];
    this.kernelWidth = this.kernelSize[1];
    this.strideHeight = this.stride[0];
    this.strideWidth = this.stride[1];
    this.paddingHeight = this.padding[0];
    this.paddingWidth = this.padding[1];
    this.dilationHeight = this.dilation[0];
    this.dilationWidth = this.dilation[1];
  }

  /** A {@code kernelSize x kernelSize} convolution with stride 1, no padding, and a bias. */
  public static Conv2d create(int inChannels, int outChannels, int kernelSize) {
    return create(inChannels, outChannels, new int[] {kernelSize});
  }

  /** A convolution with stride 1, no padding, and a bias. */
  public static Conv2d create(int inChannels, int outChannels, int[] kernelSize) {
    return create(inChannels, outChannels, kernelSize, new int[] {1}, new int[] {0});
  }

  /** A convolution without dilation, in one group, with a bias. */
  public static Conv2d create(int inChannels, int outChannels, int[] kernelSize, int[] stride,
      int[] padding) {
    return create(inChannels, outChannels, kernelSize, stride, padding, new int[] {1}, 1, true);
  }

  /**
   * PyTorch's {@code nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding, dilation,
   * groups, bias)}: each of {@code kernelSize}, {@code stride}, {@code padding} and
   * {@code dilation} one entry (both dimensions) or two; {@code groups} divides both channel
   * counts.
   *
   * @throws IllegalArgumentException naming the argument when it is out of range
   */
  public static Conv2d create(int inChannels, int outChannels, int[] kernelSize, int[] stride,
      int[] padding, int[] dilation, int groups, boolean bias) {
    return create(inChannels, outChannels, kernelSize, stride, padding, dilation, groups, bias,
        PaddingMode.CONSTANT);
  }

  /**
   * PyTorch's {@code nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding, dilation,
   * groups, bias, padding_mode)}: {@code paddingMode} {@code CONSTANT} is PyTorch's
   * {@code 'zeros'}, {@code REFLECT} and {@code REPLICATE} its {@code 'reflect'} and
   * {@code 'replicate'}.
   *
   * @throws IllegalArgumentException naming the argument when it is out of range
   */
  public static Conv2d create(int inChannels, int outChannels, int[] kernelSize, int[] stride,
      int[] padding, int[] dilation, int groups, boolean bias, PaddingMode paddingMode) {
    return new Lamina_Conv2d(inChannels, outChannels, kernelSize, stride, padding, dilation,
        groups, bias, paddingMode);
  }

  /** The weight, {@code [outChannels, inChannels / groups, kh, kw]}. */
  public Tensor weight() {
    return weight;
  }

  /** The bias, {@code [outChannels]}, or null for a layer made without one. */
  public Tensor bias() {
    return bias;
  }

  @Override
  @Shape({"...", "outChannels",
      "(height+2*paddingHeight-dilationHeight*(kernelHeight-1)-1)/strideHeight+1",
      "(width+2*paddingWidth-dilationWidth*(kernelWidth-1)-1)/strideWidth+1"})
  public Tensor forward(@Shape({"...", "inChannels", "height", "width"}) Tensor x) {
    if (paddingMode != PaddingMode.CONSTANT) {
      int[] edges = {paddingWidth, paddingWidth, paddingHeight, paddingHeight};
      return x.pad(edges, paddingMode).conv2d(weight, bias, stride, new int[] {0}, dilation,
          groups);
    }
    return x.conv2d(weight, bias, stride, padding, dilation, groups);
  }

  @Override
  public String extraRepr() {
    return ConvChecks.repr(inChannels, outChannels, kernelSize, stride, padding, dilation, groups,
        useBias, paddingMode);
  }
}
