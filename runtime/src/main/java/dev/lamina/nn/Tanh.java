package dev.lamina.nn;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;

/** The hyperbolic tangent element-wise, as PyTorch's {@code nn.Tanh}. */
@Layer
public abstract class Tanh extends Module {
  Tanh() {}

  /** The activation, which has no parameters. */
  public static Tanh create() {
    return new Lamina_Tanh();
  }

  @Override
  public Tensor forward(Tensor x) {
    return x.tanh();
  }
}
