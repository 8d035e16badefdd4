package dev.lamina.chapter;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Init;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;

/** {@code x + scale * body(x)}: a layer with a child module and a parameter of its own. */
@Layer
public abstract class Residual extends Module {
  final Module body;
  @Param(shape = {"1"}, init = Init.ONES) Tensor scale;

  Residual(Module body) {
    this.body = body;
  }

  public static Residual create(Module body) {
    return new Lamina_Residual(body);
  }

  @Override
  public Tensor forward(Tensor x) {
    return x.add(body.forward(x).mul(scale));
  }
}
