package dev.lamina.io;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Init;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;
import dev.lamina.annotations.Shape;

/** The chapter's {@code MyLinear}, written as users write it, for files that PyTorch reads. */
@Layer
abstract class ChapterMyLinear extends Module {
  final int inUnits;
  final int units;

  @Param(shape = {"inUnits", "units"}, init = Init.NORMAL)
  Tensor weight;

  @Param(shape = {"units"}, init = Init.NORMAL)
  Tensor bias;

  ChapterMyLinear(int inUnits, int units) {
    this.inUnits = inUnits;
    this.units = units;
  }

  static ChapterMyLinear create(int inUnits, int units) {
    return new Lamina_ChapterMyLinear(inUnits, units);
  }

  @Override
  public Tensor forward(@Shape({"batch", "inUnits"}) Tensor x) {
    return x.matmul(weight).add(bias).relu();
  }
}
