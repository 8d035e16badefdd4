package dev.lamina.io;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;

/** The chapter's parameter-free layer, registered so that a saved model holding it rebuilds. */
@Layer
abstract class CenteredLayer extends Module {
  CenteredLayer() {}

  static CenteredLayer create() {
    return new Lamina_CenteredLayer();
  }

  @Override
  public Tensor forward(Tensor x) {
    return x.sub(x.mean());
  }
}
