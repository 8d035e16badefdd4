package dev.lamina.examples.chapter;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;

/**
 * The chapter's first layer: it subtracts the mean from its input and has no parameters. It needs
 * nothing generated to run; {@code @Layer} registers it, so that a saved model holding it can be
 * rebuilt from the file.
 */
@Layer
public class CenteredLayer extends Module {
  @Override
  public Tensor forward(Tensor x) {
    return x.sub(x.mean());
  }
}
