package dev.lamina.nn;

import dev.lamina.Module;
import dev.lamina.PaddingMode;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;
import dev.lamina.annotations.Shape;

/**
 * A 1-d convolution over {@code [batch, inChannels, length]} sequences (or one unbatched
 * {@code [inChannels, length]}), as PyTorch's
 * {@code nn.Conv1d}: weight {@code [outChannels, inChannels / groups, kernelSize]} and bias
 * {@code [outChannels]}, both drawn from U(-1/sqrt(fanIn), 1/sqrt(fanIn)) with
 * {@code fanIn = inChannels / groups * kernelSize}, state-dict keys {@code weight} and
 * {@code bias}; the padding is zeros, or, as PyTorch's {@code padding_mode}, reflected or
 * replicated edges ({@link PaddingMode}). The output is {@code [batch, outChannels, outLength]} with
 * {@code outLength = (length + 2 * padding - dilation * (kernelSize - 1) - 1) / stride + 1},
 * checked after each call. Runs {@link Tensor#conv1d}.
 *
 * <pre>{@code
 * Conv1d conv = Conv1d.create(3, 4, 3);
 * conv.toString();  // Conv1d(3, 4, kernel_size=(3,), stride=(1,))
 * }</pre>
 */
@Layer
public abstract class Conv1d extends Module {
  final int inChannels;
  final int outChannels;
  final int kernelSize;
  final int stride;
  final int padding;
  final int dilation;
  final int groups;
  final boolean useBias;
  final PaddingMode paddingMode;

  @Param(shape = {"outChannels", "inChannels/groups", "kernelSize"})
  Tensor weight;

  @Param(shape = {"outChannels"}, presentIf = "useBias")
  Tensor bias;

  Conv1d(int inChannels, int outChannels, int kernelSize, int stride, int padding, int dilation,
      int groups, boolean useBias, PaddingMode paddingMode) {
    ConvChecks.channels("Conv1d", inChannels, outChannels, groups);
    this.paddingMode = ConvChecks.paddingMode("Conv1d", paddingMode);
    if (kernelSize < 1 || stride < 1 || padding < 0 || dilation < 1) {
      throw new IllegalArgumentException(
          "Conv1d: kernelSize, stride and dilation must be positive and padding non-negative, got"
              + " kernelSize=" + kernelSize + ", stride=" + stride + ", padding=" + padding
              + ", dilation=" + dilation);
    }
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernelSize = kernelSize;
    this.stride = stride;
    this.padding = padding;
    this.dilation = dilation;
    this.groups = groups;
    this.useBias = useBias;
  }

  /** A convolution with stride 1, no padding, and a bias. */
  public static Conv1d create(int inChannels, int outChannels, int kernelSize) {
    return create(inChannels, outChannels, kernelSize, 1, 0);
  }

  /** A convolution without dilation, in one group, with a bias. */
  public static Conv1d create(int inChannels, int outChannels, int kernelSize, int stride,
      int padding) {
    return create(inChannels, outChannels, kernelSize, stride, padding, 1, 1, true);
  }

  /**
   * PyTorch's {@code nn.Conv1d(in_channels, out_channels, kernel_size, stride, padding, dilation,
   * groups, bias)}; {@code groups} divides both channel counts.
   *
   * @throws IllegalArgumentException naming the argument when it is out of range
   */
  public static Conv1d create(int inChannels, int outChannels, int kernelSize, int stride,
      int padding, int dilation, int groups, boolean bias) {
    return create(inChannels, outChannels, kernelSize, stride, padding, dilation, groups, bias,
        PaddingMode.CONSTANT);
  }

  /**
   * PyTorch's {@code nn.Conv1d(in_channels, out_channels, kernel_size, stride, padding, dilation,
   * groups, bias, padding_mode)}: {@code paddingMode} {@code CONSTANT} is PyTorch's
   * {@code 'zeros'}, {@code REFLECT} and {@code REPLICATE} its {@code 'reflect'} and
   * {@code 'replicate'}.
   *
   * @throws IllegalArgumentException naming the argument when it is out of range
   */
  public static Conv1d create(int inChannels, int outChannels, int kernelSize, int stride,
      int padding, int dilation, int groups, boolean bias, PaddingMode paddingMode) {
    return new Lamina_Conv1d(inChannels, outChannels, kernelSize, stride, padding, dilation,
        groups, bias, paddingMode);
  }

  /** The weight, {@code [outChannels, inChannels / groups, kernelSize]}. */
  public Tensor weight() {
    return weight;
  }

  /** The bias, {@code [outChannels]}, or null for a layer made without one. */
  public Tensor bias() {
    return bias;
  }

  @Override
  @Shape({"...", "outChannels", "(length+2*padding-dilation*(kernelSize-1)-1)/stride+1"})
  public Tensor forward(@Shape({"...", "inChannels", "length"}) Tensor x) {
    if (paddingMode != PaddingMode.CONSTANT) {
      return x.pad(new int[] {padding, padding}, paddingMode)
          .conv1d(weight, bias, stride, 0, dilation, groups);
    }
    return x.conv1d(weight, bias, stride, padding, dilation, groups);
  }

  @Override
  public String extraRepr() {
    return ConvChecks.repr(inChannels, outChannels, new int[] {kernelSize}, new int[] {stride},
        new int[] {padding}, new int[] {dilation}, groups, useBias, paddingMode);
  }
}
