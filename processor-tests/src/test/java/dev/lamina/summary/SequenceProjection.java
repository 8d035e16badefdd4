package dev.lamina.summary;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;
import dev.lamina.annotations.Shape;

/**
 * A projection of a sequence that declares no output shape: the compiler infers it from forward's
 * body, {@code [seq, batch, units]}, and {@code summary()} shows it.
 */
@Layer
public abstract class SequenceProjection extends Module {
  final int inUnits;
  final int units;
  @Param(shape = {"inUnits", "units"}) Tensor weight;

  SequenceProjection(int inUnits, int units) {
    this.inUnits = inUnits;
    this.units = units;
  }

  public static SequenceProjection create(int inUnits, int units) {
    return new Lamina_SequenceProjection(inUnits, units);
  }

  @Override
  public Tensor forward(@Shape({"batch", "seq", "inUnits"}) Tensor x) {
    Tensor projected = x.matmul(weight);
    return projected.transpose(0, 1);
  }
}
