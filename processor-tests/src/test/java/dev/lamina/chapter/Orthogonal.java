package dev.lamina.chapter;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;
import dev.lamina.annotations.Shape;

/**
 * A layer whose initialization no {@code Init} names: its weight starts as the identity, set by
 * {@code resetParameters()} once the generated constructor has allocated it.
 */
@Layer
public abstract class Orthogonal extends Module {
  final int size;
  int resets;

  @Param(shape = {"size", "size"}) Tensor weight;

  Orthogonal(int size) {
    this.size = size;
  }

  public static Orthogonal create(int size) {
    return new Lamina_Orthogonal(size);
  }

  @Override
  protected void resetParameters() {
    resets++;
    weight.fill(0);
    for (int i = 0; i < size; i++) {
      weight.set(1, i, i);
    }
  }

  @Shape({"batch", "size"})
  public Tensor forward(@Shape({"batch", "size"}) Tensor x) {
    return x.matmul(weight);
  }
}
