package dev.lamina.examples.chapter;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Init;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;
import dev.lamina.annotations.Shape;

/**
 * The chapter's fully connected layer with a built-in ReLU: {@code relu(x · W + b)}, with
 * {@code W} stored {@code [inUnits, units]} and both parameters drawn from a standard normal, as the
 * chapter's {@code torch.randn}.
 */
@Layer
public abstract class MyLinear extends Module {
  final int inUnits;
  final int units;

  @Param(shape = {"inUnits", "units"}, init = Init.NORMAL)
  Tensor weight;

  @Param(shape = {"units"}, init = Init.NORMAL)
  Tensor bias;

  MyLinear(int inUnits, int units) {
    this.inUnits = inUnits;
    this.units = units;
  }

  /** A layer from {@code inUnits} inputs to {@code units} outputs. */
  public static MyLinear create(int inUnits, int units) {
    return new Lamina_MyLinear(inUnits, units);
  }

  /** The weight, {@code [inUnits, units]}. */
  public Tensor weight() {
    return weight;
  }

  /** The bias, {@code [units]}. */
  public Tensor bias() {
    return bias;
  }

  @Override
  @Shape({"batch", "units"})
  public Tensor forward(@Shape({"batch", "inUnits"}) Tensor x) {
    return x.matmul(weight).add(bias).relu();
  }
}
