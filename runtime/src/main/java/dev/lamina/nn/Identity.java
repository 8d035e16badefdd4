package dev.lamina.nn;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;

/**
 * Returns its input, as PyTorch's {@code nn.Identity}: a placeholder where a model's structure
 * wants a layer, such as a head removed for fine-tuning.
 */
@Layer
public abstract class Identity extends Module {
  Identity() {}

  /** The layer, which has no parameters. */
  public static Identity create() {
    return new Lamina_Identity();
  }

  @Override
  public Tensor forward(Tensor x) {
    return x;
  }
}
