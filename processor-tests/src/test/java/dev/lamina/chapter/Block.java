package dev.lamina.chapter;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Shape;
import dev.lamina.nn.Linear;

/** A residual block, {@code x + relu(fc(x))}: the element of {@link BlockStack}'s list. */
@Layer
public abstract class Block extends Module {
  final int width;
  final Linear fc;

  Block(int width) {
    this.width = width;
    this.fc = Linear.create(width, width);
  }

  public static Block create(int width) {
    return new Lamina_Block(width);
  }

  @Shape({"batch", "width"})
  public Tensor forward(@Shape({"batch", "width"}) Tensor x) {
    return x.add(fc.forward(x).relu());
  }
}
