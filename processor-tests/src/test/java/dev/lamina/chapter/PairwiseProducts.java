package dev.lamina.chapter;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;
import dev.lamina.annotations.Shape;

/**
 * A layer over every product of two input features: {@code in} is bound by forward and appears in
 * the weight's shape only as {@code in*in}, so no axis of the weight holds it by itself.
 */
@Layer
public abstract class PairwiseProducts extends Module {
  final int out;
  @Param(shape = {"in*in", "out"}) Tensor weight;

  PairwiseProducts(int out) {
    this.out = out;
  }

  public static PairwiseProducts create(int out) {
    return new Lamina_PairwiseProducts(out);
  }

  @Override
  @Shape({"batch", "out"})
  public Tensor forward(@Shape({"batch", "in"}) Tensor x) {
    int batch = x.size(0);
    int in = x.size(1);
    Tensor products = x.reshape(batch, in, 1).mul(x.reshape(batch, 1, in));
    return products.reshape(batch, in * in).matmul(weight);
  }
}
