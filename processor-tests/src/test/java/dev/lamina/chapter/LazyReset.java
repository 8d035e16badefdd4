package dev.lamina.chapter;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;
import dev.lamina.annotations.Shape;

/** A lazy layer with a {@code resetParameters()}: it runs once the first call has allocated all. */
@Layer
public abstract class LazyReset extends Module {
  final int units;
  int resets;

  @Param(shape = {"units", "in"}) Tensor weight;

  LazyReset(int units) {
    this.units = units;
  }

  public static LazyReset create(int units) {
    return new Lamina_LazyReset(units);
  }

  @Override
  protected void resetParameters() {
    resets++;
    weight.fill(0.5f);
  }

  @Shape({"batch", "units"})
  public Tensor forward(@Shape({"batch", "in"}) Tensor x) {
    return x.matmul(weight.t());
  }
}
