package dev.lamina.examples.layers;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Shape;
import dev.lamina.nn.Linear;

/** {@code x + tanh(fc(x))} with {@code fc} a square {@code Linear}: one block of a {@link BlockStack}. */
@Layer
public abstract class ResidualBlock extends Module {
  final int width;
  final Linear fc;

  ResidualBlock(int width) {
    this.width = width;
    this.fc = Linear.create(width, width);
  }

  public static ResidualBlock create(int width) {
    return new Lamina_ResidualBlock(width);
  }

  @Override
  @Shape({"...", "width"})
  public Tensor forward(@Shape({"...", "width"}) Tensor x) {
    return x.add(fc.forward(x).tanh());
  }
}
