package dev.lamina.nn;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Shape;
import dev.lamina.kernels.Window2d;

/**
 * Adaptive average pooling of {@code [batch, channels, height, width]} images
 * (or one unbatched {@code [channels, height, width]}) to a fixed
 * {@code [batch, channels, outputHeight, outputWidth]}, whatever the input size, as PyTorch's
 * {@code nn.AdaptiveAvgPool2d}: output row {@code i} averages input rows
 * {@code floor(i * height / outputHeight)} to {@code ceil((i + 1) * height / outputHeight)}
 * (exclusive), likewise for columns. Runs {@link Tensor#adaptiveAvgPool2d}.
 *
 * <pre>{@code
 * AdaptiveAvgPool2d pool = AdaptiveAvgPool2d.create(1);  // global average pooling
 * pool.toString();  // AdaptiveAvgPool2d(output_size=1)
 * }</pre>
 *
 * <p>The output size is one entry (both dimensions) or two (height, width), kept and printed as
 * given.
 */
@Layer
public abstract class AdaptiveAvgPool2d extends Module {
  final int[] outputSize;
  // The entries of outputSize, named for the output shape.
  final int outputHeight;
  final int outputWidth;

  AdaptiveAvgPool2d(int[] outputSize) {
    int[] size = Window2d.pair("AdaptiveAvgPool2d", "output_size", outputSize, 1);
    this.outputSize = outputSize.clone();
    this.outputHeight = size[0];
    this.outputWidth = size[1];
  }

  /** Pooling to {@code outputSize x outputSize}. */
  public static AdaptiveAvgPool2d create(int outputSize) {
    return create(new int[] {outputSize});
  }

  /** PyTorch's {@code nn.AdaptiveAvgPool2d(output_size)}: one entry (both dimensions) or two. */
  public static AdaptiveAvgPool2d create(int[] outputSize) {
    return new Lamina_AdaptiveAvgPool2d(outputSize);
  }

  @Override
  @Shape({"...", "channels", "outputHeight", "outputWidth"})
  public Tensor forward(@Shape({"...", "channels", "height", "width"}) Tensor x) {
    return x.adaptiveAvgPool2d(outputHeight, outputWidth);
  }

  @Override
  public String extraRepr() {
    return "output_size=" + PoolText.of(outputSize);
  }
}
