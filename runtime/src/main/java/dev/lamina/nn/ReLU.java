package dev.lamina.nn;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;

/** {@code max(x, 0)} element-wise, as PyTorch's {@code nn.ReLU}. */
@Layer
public abstract class ReLU extends Module {
  ReLU() {}

  /** The activation, which has no parameters. */
  public static ReLU create() {
    return new Lamina_ReLU();
  }

  @Override
  public Tensor forward(Tensor x) {
    return x.relu();
  }
}
