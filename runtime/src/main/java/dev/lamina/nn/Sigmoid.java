package dev.lamina.nn;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;

/** {@code 1 / (1 + e^-x)} element-wise, as PyTorch's {@code nn.Sigmoid}. */
@Layer
public abstract class Sigmoid extends Module {
  Sigmoid() {}

  /** The activation, which has no parameters. */
  public static Sigmoid create() {
    return new Lamina_Sigmoid();
  }

  @Override
  public Tensor forward(Tensor x) {
    return x.sigmoid();
  }
}
