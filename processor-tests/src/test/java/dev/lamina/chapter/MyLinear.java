package dev.lamina.chapter;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Init;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;
import dev.lamina.annotations.Shape;

/** The chapter's fully connected layer with a built-in ReLU, stored {@code [in, out]}. */
@Layer
public abstract class MyLinear extends Module {
  final int inUnits;
  final int units;
  @Param(shape = {"inUnits", "units"}, init = Init.NORMAL) Tensor weight;
  @Param(shape = {"units"}, init = Init.NORMAL) Tensor bias;

  MyLinear(int inUnits, int units) {
    this.inUnits = inUnits;
    this.units = units;
  }

  public static MyLinear create(int inUnits, int units) {
    return new Lamina_MyLinear(inUnits, units);
  }

  @Override
  public Tensor forward(@Shape({"batch", "inUnits"}) Tensor x) {
    return x.matmul(weight).add(bias).relu();
  }
}
