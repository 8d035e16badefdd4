package dev.lamina.examples.chapter;

import dev.lamina.Module;
import dev.lamina.Tensor;

/** The chapter's first layer: it subtracts the mean from its input and has no parameters. */
public class CenteredLayer extends Module {
  @Override
  public Tensor forward(Tensor x) {
    return x.sub(x.mean());
  }
}
