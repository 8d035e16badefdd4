package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.Shapes;

/**
 * Values picked along one dimension by an int64 index of the same rank, as {@code torch.gather}:
 * for {@code dim = 1}, {@code out[i][j][k] = x[i][index[i][j][k]][k]}. Backward: a scatter-add,
 * each element of the gradient added at the position it was read from, so an index repeated
 * accumulates.
 */
public final class Gather extends Function {
  private final int[] inShape;
  /** For each output element, the row-major position in the input it was read from. */
  private final int[] from;

  private Gather(Tensor x, int[] from) {
    super(x);
    this.inShape = x.shape();
    this.from = from;
  }

  /**
   * {@code out} of {@code index}'s shape with {@code out[..., j, ...] = x[..., index[..., j, ...],
   * ...]} along {@code dim} (negative counts from the end). Along every other dimension
   * {@code index} may be smaller than {@code x}, not larger. Index values must lie in
   * {@code [0, x.size(dim))}: as {@code torch.gather}, a negative value is refused, not counted
   * from the end.
   *
   * @throws IllegalArgumentException when {@code index} is not int64, its rank differs from
   *     {@code x}'s, it is larger than {@code x} along a dimension other than {@code dim}, or a
   *     value is out of range (naming the value and its position)
   */
  public static Tensor apply(Tensor x, int dim, Tensor index) {
    IndexArguments.LongValues values = IndexArguments.int64Values("gather", "index", index);
    int[] shape = x.shape();
    int[] indexShape = index.shape();
    int rank = shape.length;
    int d = Shapes.normalizeDim("gather", dim, Math.max(rank, 1));
    if (indexShape.length != rank) {
      throw new IllegalArgumentException(
          "gather: index has shape " + Shapes.format(indexShape) + " but input has shape "
              + Shapes.format(shape) + "; their ranks must be equal");
    }
    for (int k = 0; k < rank; k++) {
      if (k != d && indexShape[k] > shape[k]) {
        throw new IllegalArgumentException(
            "gather: index has shape " + Shapes.format(indexShape) + ", larger than input shape "
                + Shapes.format(shape) + " in dimension " + k + " (only dimension " + d
                + " may be)");
      }
    }
    int size = rank == 0 ? 1 : shape[d];
    int[] strides = Shapes.contiguousStrides(shape);
    int[] from = new int[values.length()];
    int[] at = new int[rank];
    int base = 0;
    for (int i = 0; i < values.length(); i++) {
      long v = values.get(i);
      if (v < 0 || v >= size) {
        throw new IllegalArgumentException(
            "gather: index " + v + " at position " + IndexArguments.position(i, indexShape)
                + " is out of range for dimension " + d + " of size " + size
                + " (indices count from 0; negative ones are refused, as by torch.gather)");
      }
      from[i] = base + (rank == 0 ? 0 : (int) v * strides[d]);
      // The next position in index, and the input offset of its other coordinates.
      for (int k = rank - 1; k >= 0; k--) {
        at[k]++;
        if (k != d) {
          base += strides[k];
        }
        if (at[k] < indexShape[k]) {
          break;
        }
        if (k != d) {
          base -= strides[k] * indexShape[k];
        }
        at[k] = 0;
      }
    }
    float[] in = Elementwise.values(x);
    float[] out = new float[from.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = in[from[i]];
    }
    return record(Tensor.wrap(out, indexShape), new Gather(x, from));
  }

  @Override
  public String name() {
    return "GatherBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    float[] g = Elementwise.values(grad);
    float[] out = new float[Shapes.numel(inShape)];
    for (int i = 0; i < from.length; i++) {
      out[from[i]] += g[i];
    }
    return new Tensor[] {Tensor.wrap(out, inShape)};
  }
}
