package dev.lamina.chapter;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;
import dev.lamina.annotations.Shape;

/**
 * The gates of a GRU cell before their activations: a layer of two inputs, where {@code batch} is
 * bound by {@code x} and checked in {@code h}, and {@code in} is inferred from {@code x}.
 */
@Layer
public abstract class GruCell extends Module {
  final int hidden;
  @Param(shape = {"3*hidden", "in"}) Tensor weightIh;
  @Param(shape = {"3*hidden", "hidden"}) Tensor weightHh;

  GruCell(int hidden) {
    this.hidden = hidden;
  }

  public static GruCell create(int hidden) {
    return new Lamina_GruCell(hidden);
  }

  @Shape({"batch", "3*hidden"})
  public Tensor forward(@Shape({"batch", "in"}) Tensor x, @Shape({"batch", "hidden"}) Tensor h) {
    return x.matmul(weightIh.t()).add(h.matmul(weightHh.t()));
  }
}
