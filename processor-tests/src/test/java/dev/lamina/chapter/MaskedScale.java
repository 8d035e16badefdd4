package dev.lamina.chapter;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Init;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;
import dev.lamina.annotations.Shape;

/** A layer with an optional mask, as {@code mask=None} in PyTorch: checked only when given. */
@Layer
public abstract class MaskedScale extends Module {
  final int features;
  @Param(shape = {"features"}, init = Init.ONES) Tensor scale;

  MaskedScale(int features) {
    this.features = features;
  }

  public static MaskedScale create(int features) {
    return new Lamina_MaskedScale(features);
  }

  public Tensor forward(@Shape({"batch", "features"}) Tensor x,
      @Shape(value = {"batch", "features"}, optional = true) Tensor mask) {
    Tensor scaled = x.mul(scale);
    return mask == null ? scaled : scaled.mul(mask);
  }
}
