package dev.lamina.chapter;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;
import dev.lamina.annotations.Shape;

/** The chapter's exercise {@code y_k = sum_ij W_ijk x_i x_j}, with the weight stored {@code [in*in, k]}. */
@Layer
public abstract class TensorReduction extends Module {
  final int k;
  @Param(shape = {"in*in", "k"}) Tensor weight;

  TensorReduction(int k) {
    this.k = k;
  }

  public static TensorReduction create(int k) {
    return new Lamina_TensorReduction(k);
  }

  @Override
  @Shape({"batch", "k"})
  public Tensor forward(@Shape({"batch", "in"}) Tensor x) {
    int batch = x.size(0);
    int in = x.size(1);
    Tensor outer = x.reshape(batch, in, 1).matmul(x.reshape(batch, 1, in));
    return outer.reshape(batch, in * in).matmul(weight);
  }
}
