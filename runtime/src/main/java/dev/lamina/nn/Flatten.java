package dev.lamina.nn;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;

/**
 * Merges every dimension from {@code startDim} on into one, as PyTorch's {@code nn.Flatten}, whose
 * default {@code start_dim=1} keeps the batch dimension: {@code [4, 1, 28, 28]} becomes {@code [4, 784]}.
 */
@Layer
public abstract class Flatten extends Module {
  final int startDim;

  Flatten(int startDim) {
    this.startDim = startDim;
  }

  /** Flattens all but the first (batch) dimension. */
  public static Flatten create() {
    return create(1);
  }

  /** Flattens the dimensions from {@code startDim} on. */
  public static Flatten create(int startDim) {
    return new Lamina_Flatten(startDim);
  }

  @Override
  public Tensor forward(Tensor x) {
    return x.flatten(startDim);
  }

  @Override
  public String extraRepr() {
    return "start_dim=" + startDim + ", end_dim=-1";
  }
}
