package dev.lamina.chapter;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;
import dev.lamina.annotations.Shape;

/** A user's own lazy layer: {@code in} is bound by forward, so the weight waits for the first call. */
@Layer
public abstract class MyLazyLinear extends Module {
  final int units;
  @Param(shape = {"units", "in"}) Tensor weight;
  @Param(shape = {"units"}) Tensor bias;

  MyLazyLinear(int units) {
    this.units = units;
  }

  public static MyLazyLinear create(int units) {
    return new Lamina_MyLazyLinear(units);
  }

  @Override
  @Shape({"batch", "units"})
  public Tensor forward(@Shape({"batch", "in"}) Tensor x) {
    return x.matmul(weight.t()).add(bias);
  }
}
