package dev.lamina.examples.mnist;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Shape;

/**
 * The last time step of a batch-first sequence, {@code x[:, -1, :]} in PyTorch: what a recurrent
 * classifier reads its answer from.
 */
@Layer
public abstract class LastStep extends Module {
  LastStep() {}

  public static LastStep create() {
    return new Lamina_LastStep();
  }

  @Override
  @Shape({"batch", "features"})
  public Tensor forward(@Shape({"batch", "steps", "features"}) Tensor x) {
    return x.select(1, x.size(1) - 1);
  }
}
