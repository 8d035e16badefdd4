package dev.lamina.nn;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Init;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;
import dev.lamina.annotations.Shape;
import dev.lamina.format.ConfigText;

/**
 * Layer normalization over the last dimension, as PyTorch's {@code nn.LayerNorm(normalizedShape)}:
 * each vector of {@code normalizedShape} features becomes {@code (x - mean) / sqrt(var + eps) ·
 * weight + bias}, with its own mean and biased variance. {@code weight} starts as ones and
 * {@code bias} as zeros, both {@code [normalizedShape]}, present when {@code elementwiseAffine}.
 *
 * <pre>{@code
 * LayerNorm.create(512).toString();  // LayerNorm((512,), eps=1e-05, elementwise_affine=True)
 * }</pre>
 *
 * <p>Normalizing over several trailing dimensions at once is {@link Tensor#layerNorm}'s; as a
 * layer it would need parameters whose rank is a hyperparameter, which {@code @Param} shapes do
 * not express.
 */
@Layer
public abstract class LayerNorm extends Module {
  final int normalizedShape;
  final double eps;
  final boolean elementwiseAffine;

  @Param(shape = {"normalizedShape"}, init = Init.ONES, presentIf = "elementwiseAffine")
  Tensor weight;

  @Param(shape = {"normalizedShape"}, init = Init.ZEROS, presentIf = "elementwiseAffine")
  Tensor bias;

  LayerNorm(int normalizedShape, double eps, boolean elementwiseAffine) {
    this.normalizedShape = normalizedShape;
    this.eps = eps;
    this.elementwiseAffine = elementwiseAffine;
  }

  /** Over the last dimension, of size {@code normalizedShape}; eps 1e-5, with weight and bias. */
  public static LayerNorm create(int normalizedShape) {
    return create(normalizedShape, 1e-5, true);
  }

  /** With {@code eps} added to the variance; with weight and bias. */
  public static LayerNorm create(int normalizedShape, double eps) {
    return create(normalizedShape, eps, true);
  }

  /** PyTorch's {@code nn.LayerNorm(normalized_shape, eps, elementwise_affine)}. */
  public static LayerNorm create(int normalizedShape, double eps, boolean elementwiseAffine) {
    return new Lamina_LayerNorm(normalizedShape, eps, elementwiseAffine);
  }

  /** The scale, {@code [normalizedShape]}, or null without {@code elementwiseAffine}. */
  public Tensor weight() {
    return weight;
  }

  /** The shift, {@code [normalizedShape]}, or null without {@code elementwiseAffine}. */
  public Tensor bias() {
    return bias;
  }

  @Override
  @Shape({"...", "normalizedShape"})
  public Tensor forward(@Shape({"...", "normalizedShape"}) Tensor x) {
    return x.layerNorm(new int[] {normalizedShape}, weight, bias, eps);
  }

  @Override
  public String extraRepr() {
    return ConfigText.of(new int[] {normalizedShape}) + ", eps=" + ConfigText.of(eps)
        + ", elementwise_affine=" + ConfigText.of(elementwiseAffine);
  }
}
