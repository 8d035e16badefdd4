package dev.lamina.nn;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;

/** {@code x_i - log(sum_j exp(x_j))} along {@code dim}, as PyTorch's {@code nn.LogSoftmax}. */
@Layer
public abstract class LogSoftmax extends Module {
  final int dim;

  LogSoftmax(int dim) {
    this.dim = dim;
  }

  /** The function along dimension {@code dim} (negative counts from the end). */
  public static LogSoftmax create(int dim) {
    return new Lamina_LogSoftmax(dim);
  }

  @Override
  public Tensor forward(Tensor x) {
    return x.logSoftmax(dim);
  }
}
