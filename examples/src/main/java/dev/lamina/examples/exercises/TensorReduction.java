package dev.lamina.examples.exercises;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Init;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;
import dev.lamina.annotations.Shape;

/**
 * The chapter's first exercise: a layer that reduces its input with a third-order tensor,
 * {@code y_k = Σ_ij W_ijk x_i x_j}, for every row of a batch. The input size is inferred from the
 * first call; {@code W} is {@code [in, in, out]}.
 */
@Layer
public abstract class TensorReduction extends Module {
  final int out;

  @Param(shape = {"in", "in", "out"}, init = Init.XAVIER_UNIFORM)
  Tensor weight;

  TensorReduction(int out) {
    this.out = out;
  }

  /** A reduction to {@code out} values per row; the input size is inferred. */
  public static TensorReduction create(int out) {
    return new Lamina_TensorReduction(out);
  }

  /** {@code W}, {@code [in, in, out]}; {@code null} until the first call fixes {@code in}. */
  public Tensor weight() {
    return weight;
  }

  @Override
  @Shape({"batch", "out"})
  public Tensor forward(@Shape({"batch", "in"}) Tensor x) {
    return Tensor.einsum("ijk,bi,bj->bk", weight, x, x);
  }
}
