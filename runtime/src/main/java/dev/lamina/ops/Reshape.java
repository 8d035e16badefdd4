package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.Workspace;
import dev.lamina.annotations.DType;
import dev.lamina.kernels.Shapes;
import dev.lamina.kernels.Strided;

/**
 * The same elements in row-major order under a new shape: a view whenever the input's strides allow
 * one (always for a contiguous input, and for inserting or removing size-1 dimensions of any view),
 * else a copy. Backward: the gradient reshaped back.
 */
public final class Reshape extends Function {
  private final int[] inShape;

  private Reshape(Tensor x) {
    super(x);
    this.inShape = x.shape();
  }

  /**
   * The values of {@code x}, in row-major order, in {@code newShape}: a view when the strides allow
   * it (always for a contiguous {@code x}), else a copy. {@code newShape} must already be resolved
   * (no -1) and hold as many elements as {@code x}.
   */
  public static Tensor apply(Tensor x, int[] newShape) {
    int[] strides = Shapes.viewStrides(x.shape(), x.stride(), newShape);
    Tensor out = strides != null
        ? x.viewOfStorage(x.storageOffset(), newShape, strides)
        : (x.dtype() == DType.FLOAT32 ? Tensor.wrap(rowMajorValues(x), x.shape()) : x.copy())
            .viewOfStorage(0, newShape, Shapes.contiguousStrides(newShape));
    return record(out, new Reshape(x));
  }

  /**
   * A row-major copy of {@code x} with its own storage, of the same shape, through which gradients
   * flow.
   */
  public static Tensor copy(Tensor x) {
    return record(Tensor.wrap(rowMajorValues(x), x.shape()), new Reshape(x));
  }

  /** The values of {@code x} in a new row-major array, from the open workspace step if any. */
  private static float[] rowMajorValues(Tensor x) {
    int[] shape = x.shape();
    float[] out = Workspace.floatsToOverwrite(x.numel());
    Strided.copy(x.storage(), x.storageOffset(), shape, x.stride(), out, 0,
        Shapes.contiguousStrides(shape));
    return out;
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
