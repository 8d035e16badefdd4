package dev.lamina.failures;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;

/** A layer whose product never fits: {@code [batch, 5]} times a weight of {@code [3, 5]}. */
@Layer
public abstract class Attention extends Module {
  @Param(shape = {"3", "5"}) Tensor weight;

  Attention() {}

  public static Attention create() {
    return new Lamina_Attention();
  }

  Tensor weight() {
    return weight;
  }

  @Override
  public Tensor forward(Tensor x) {
    return x.matmul(weight);
  }
}
