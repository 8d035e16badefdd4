package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.Shapes;

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
    if (order.length != rank) {
      throw new IllegalArgumentException(
          "permute: order " + java.util.Arrays.toString(order) + " has " + order.length
              + " entries for a tensor of shape " + Shapes.format(shape));
    }
    int[] newShape = new int[rank];
    int[] newStrides = new int[rank];
    int[] inverse = new int[rank];
    boolean[] seen = new boolean[rank];
    for (int i = 0; i < rank; i++) {
      int d = Shapes.normalizeDim("permute", order[i], rank);
      if (seen[d]) {
        throw new IllegalArgumentException(
            "permute: dimension " + d + " repeats in " + java.util.Arrays.toString(order));
      }
      seen[d] = true;
      newShape[i] = shape[d];
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
