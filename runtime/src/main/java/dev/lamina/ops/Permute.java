package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.Shapes;
import dev.lamina.shape.OpShapes;

/** A view with reordered dimensions: output dimension i is input dimension {@code order[i]}. Backward: the inverse permutation. */
public final class Permute extends Function {
  private final int[] inverse;

  private Permute(Tensor x, int[] inverse) {
    super(x);
    this.inverse = inverse;
  }

  /**
   * {@code x} with its dimensions reordered, as a view: dimension {@code i} of the result is
   * dimension {@code order[i]} of {@code x} (negative counts from the end), so a {@code [2, 3, 4]}
   * permuted by {@code (2, 0, 1)} is {@code [4, 2, 3]}.
   *
   * @throws IllegalArgumentException when {@code order} is not a permutation of {@code x}'s
   *     dimensions
   */
  public static Tensor apply(Tensor x, int[] order) {
    int[] shape = x.shape();
    int[] strides = x.stride();
    int rank = shape.length;
    int[] newShape = OpShapes.permute(shape, order);
    int[] newStrides = new int[rank];
    int[] inverse = new int[rank];
    for (int i = 0; i < rank; i++) {
      int d = order[i] < 0 ? order[i] + rank : order[i];
      newStrides[i] = strides[d];
      inverse[d] = i;
    }
    Tensor out = x.viewOfStorage(x.storageOffset(), newShape, newStrides);
    return record(out, new Permute(x, inverse));
  }

  @Override
  public String name() {
    return "PermuteBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {grad.permute(inverse)};
  }
}
