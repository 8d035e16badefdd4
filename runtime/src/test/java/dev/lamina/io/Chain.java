package dev.lamina.io;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;

/** {@code next(x * scale)}, or {@code x * scale} when the optional child {@code next} is null. */
@Layer
abstract class Chain extends Module {
  final Module next;

  @Param(shape = {"2"})
  Tensor scale;

  Chain(Module next) {
    this.next = next;
  }

  static Chain create(Module next) {
    return new Lamina_Chain(next);
  }

  @Override
  public Tensor forward(Tensor x) {
    Tensor y = x.mul(scale);
    return next == null ? y : next.forward(y);
  }
}
