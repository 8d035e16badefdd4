package dev.lamina.nn;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.format.ConfigText;

/** {@code x > 0 ? x : negativeSlope · x} element-wise, as PyTorch's {@code nn.LeakyReLU}. */
@Layer
public abstract class LeakyReLU extends Module {
  final double negativeSlope;

  LeakyReLU(double negativeSlope) {
    this.negativeSlope = negativeSlope;
  }

  /** PyTorch's default slope, 0.01. */
  public static LeakyReLU create() {
    return create(0.01);
  }

  /** The activation with slope {@code negativeSlope} below 0. */
  public static LeakyReLU create(double negativeSlope) {
    return new Lamina_LeakyReLU(negativeSlope);
  }

  @Override
  public Tensor forward(Tensor x) {
    return x.leakyRelu((float) negativeSlope);
  }

  @Override
  public String extraRepr() {
    return "negative_slope=" + ConfigText.of(negativeSlope);
  }
}
