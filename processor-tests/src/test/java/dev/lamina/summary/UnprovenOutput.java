package dev.lamina.summary;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;
import dev.lamina.annotations.Shape;

/**
 * A layer whose two returns differ in shape: nothing is inferred, and {@code summary()} shows only
 * what it saw.
 */
@Layer
public abstract class UnprovenOutput extends Module {
  final int units;
  @Param(shape = {"units"}) Tensor scale;

  UnprovenOutput(int units) {
    this.units = units;
  }

  public static UnprovenOutput create(int units) {
    return new Lamina_UnprovenOutput(units);
  }

  @Override
  public Tensor forward(@Shape({"batch", "units"}) Tensor x) {
    if (isTraining()) {
      return x.mul(scale);
    }
    return x.mul(scale).sum(1, true);
  }
}
