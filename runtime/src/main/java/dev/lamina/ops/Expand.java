package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.Shapes;

/** A broadcast view: size-1 and missing leading dimensions repeat with stride 0. Backward: summed back. */
public final class Expand extends Function {
  private final int[] inShape;

  private Expand(Tensor x) {
    super(x);
    this.inShape = x.shape();
  }

  /**
   * {@code x} broadcast to {@code newShape}, as a view: each dimension of size 1 repeats (stride 0)
   * to the new size, dimensions missing at the front are added, and {@code -1} keeps a size. A
   * {@code [3, 1]} expanded to {@code [2, 3, 4]} reads {@code y[i, j, k] = x[j, 0]}.
   *
   * @throws IllegalArgumentException when a dimension is neither kept nor of size 1
   */
  public static Tensor apply(Tensor x, int[] newShape) {
    int[] shape = x.shape();
    int[] target = newShape.clone();
    int shift = target.length - shape.length;
    if (shift < 0) {
      throw new IllegalArgumentException(
          "expand: cannot expand shape " + Shapes.format(shape) + " to fewer dimensions "
              + Shapes.format(newShape));
    }
    for (int d = 0; d < target.length; d++) {
      if (target[d] == -1 && d < shift) {
        throw new IllegalArgumentException(
            "expand: -1 is not allowed for the new leading dimension " + d + " of "
                + Shapes.format(newShape));
      }
      int own = d < shift ? 1 : shape[d - shift];
      if (target[d] == -1 && d >= shift) {
        target[d] = own;
      }
      if (own != target[d] && own != 1) {
        throw new IllegalArgumentException(
            "expand: shape " + Shapes.format(shape) + " cannot be expanded to "
                + Shapes.format(newShape) + " (dimension " + d + ")");
      }
    }
    int[] strides = Shapes.broadcastStrides(shape, x.stride(), target);
    return record(x.viewOfStorage(x.storageOffset(), target, strides), new Expand(x));
  }

  @Override
  public String name() {
    return "ExpandBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {grad.sumToShape(inShape)};
  }
}
