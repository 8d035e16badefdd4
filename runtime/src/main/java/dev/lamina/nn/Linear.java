package dev.lamina.nn;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;
import dev.lamina.annotations.Shape;
import dev.lamina.ops.Affine;
import dev.lamina.shape.ShapeBindings;

/**
 * {@code y = x W^T + b}, as PyTorch's {@code nn.Linear}: weight {@code [out, in]}, bias {@code [out]},
 * both drawn from U(-1/sqrt(in), 1/sqrt(in)), state-dict keys {@code weight} and {@code bias}.
 *
 * <pre>{@code
 * Linear linear = Linear.create(20, 256);
 * linear.toString();  // Linear(in_features=20, out_features=256, bias=True)
 * }</pre>
 */
@Layer
public abstract class Linear extends Module {
  final int inFeatures;
  final int outFeatures;
  final boolean useBias;

  @Param(shape = {"outFeatures", "inFeatures"})
  Tensor weight;

  @Param(shape = {"outFeatures"}, presentIf = "useBias")
  Tensor bias;

  Linear(int inFeatures, int outFeatures, boolean useBias) {
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    this.useBias = useBias;
  }

  /** A linear layer from {@code in} to {@code out} features, with a bias. */
  public static Linear create(int in, int out) {
    return create(in, out, true);
  }

  /** A linear layer from {@code in} to {@code out} features, with a bias if {@code bias}. */
  public static Linear create(int in, int out, boolean bias) {
    return new Lamina_Linear(in, out, bias);
  }

  /** The weight, {@code [out, in]}. */
  public Tensor weight() {
    return weight;
  }

  /** The bias, {@code [out]}, or null for a layer made without one. */
  public Tensor bias() {
    return bias;
  }

  @Override
  @Shape({"...", "outFeatures"})
  public Tensor forward(@Shape({"...", "inFeatures"}) Tensor x) {
    return x.linear(weight, bias);
  }

  /**
   * Followed by a ReLU, this layer runs as one op: the activation applied in the same pass. The
   * generated checks of forward run around it, so the fused path checks what forward checks.
   */
  @Override
  protected Tensor forwardFused(Module next, Tensor x) {
    if (!(next instanceof ReLU)) {
      return null;
    }
    ShapeBindings shapes = checkInput(x);
    Tensor output = Affine.applyRelu(x, weight, bias);
    checkOutput(shapes, output);
    return output;
  }

  @Override
  public String extraRepr() {
    return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias="
        + (useBias ? "True" : "False");
  }
}
