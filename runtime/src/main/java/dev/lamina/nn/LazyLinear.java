package dev.lamina.nn;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;
import dev.lamina.annotations.Shape;

/**
 * A {@link Linear} whose input size is read off the first input, as PyTorch's {@code nn.LazyLinear}:
 * {@code inFeatures} is bound by forward's {@code @Shape}, so the weight {@code [out, in]} and its
 * bias are allocated (and initialized as {@code Linear}'s) on the first call.
 *
 * <pre>{@code
 * LazyLinear layer = LazyLinear.create(128);
 * layer.forward(Tensor.randn(4, 8));  // weight is now [128, 8]
 * }</pre>
 */
@Layer
public abstract class LazyLinear extends Module {
  final int outFeatures;

  @Param(shape = {"outFeatures", "inFeatures"})
  Tensor weight;

  @Param(shape = {"outFeatures"})
  Tensor bias;

  LazyLinear(int outFeatures) {
    this.outFeatures = outFeatures;
  }

  /** A linear layer to {@code out} features whose input size the first call decides. */
  public static LazyLinear create(int out) {
    return new Lamina_LazyLinear(out);
  }

  /** The weight, {@code [out, in]}, or null before the first call. */
  public Tensor weight() {
    return weight;
  }

  /** The bias, {@code [out]}, or null before the first call. */
  public Tensor bias() {
    return bias;
  }

  @Override
  @Shape({"...", "outFeatures"})
  public Tensor forward(@Shape({"...", "inFeatures"}) Tensor x) {
    return x.linear(weight, bias);
  }

  @Override
  public String extraRepr() {
    Tensor w = weight;
    return "in_features=" + (w == null ? 0 : w.size(1)) + ", out_features=" + outFeatures
        + ", bias=True";
  }
}
