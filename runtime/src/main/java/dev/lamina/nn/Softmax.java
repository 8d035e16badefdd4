package dev.lamina.nn;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;

/** {@code exp(x_i) / sum_j exp(x_j)} along {@code dim}, as PyTorch's {@code nn.Softmax}. */
@Layer
public abstract class Softmax extends Module {
  final int dim;

  Softmax(int dim) {
    this.dim = dim;
  }

  /** The function along dimension {@code dim} (negative counts from the end). */
  public static Softmax create(int dim) {
    return new Lamina_Softmax(dim);
  }

  @Override
  public Tensor forward(Tensor x) {
    return x.softmax(dim);
  }
}
