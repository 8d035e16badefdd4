package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.Shapes;
import dev.lamina.kernels.Strided;

/**
 * The same elements in row-major order under a new shape: a view of a contiguous tensor, else a
 * copy. Backward: the gradient reshaped back.
 */
public final class Reshape extends Function {
  private final int[] inShape;

  private Reshape(Tensor x) {
    super(x);
    this.inShape = x.shape();
  }

  /** {@code newShape} must already be resolved (no -1) and hold as many elements as {@code x}. */
  public static Tensor apply(Tensor x, int[] newShape) {
    Tensor out;
    if (x.isContiguous()) {
      out = Tensor.strided(x.storage(), x.storageOffset(), newShape,
          Shapes.contiguousStrides(newShape));
    } else {
      float[] copy = Strided.toContiguous(x.storage(), x.storageOffset(), x.shape(), x.stride());
      out = Tensor.wrap(copy, newShape);
    }
    return record(out, new Reshape(x));
  }

  @Override
  public String name() {
    return "ViewBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {grad.reshape(inShape)};
  }
}
