package dev.lamina.chapter;

import dev.lamina.Module;
import dev.lamina.Tensor;

/** The chapter's parameter-free layer: it needs nothing generated. */
public class CenteredLayer extends Module {
  @Override
  public Tensor forward(Tensor x) {
    return x.sub(x.mean());
  }
}
