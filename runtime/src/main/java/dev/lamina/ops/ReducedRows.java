package dev.lamina.ops;

import dev.lamina.Tensor;
import dev.lamina.kernels.Shapes;

/**
 * The layout of a reduction over a set of dimensions that needs each group of reduced elements
 * together (a variance's two passes, a log-sum-exp's maximum): the input permuted so that the
 * reduced dimensions come last, each group then one contiguous row of {@link #length} values, one
 * row per output element, in the output's order.
 */
final class ReducedRows {
  /** The values, row after row. */
  final float[] values;
  /** How many rows, the number of output elements. */
  final int rows;
  /** How many values each row holds, the number of elements each output reduces. */
  final int length;
  /** The output's shape. */
  final int[] outShape;
  private final int[] inShape;
  private final int[] permutedShape;
  private final int[] inverse;

  private ReducedRows(float[] values, int rows, int length, int[] outShape, int[] inShape,
      int[] permutedShape, int[] inverse) {
    this.values = values;
    this.rows = rows;
    this.length = length;
    this.outShape = outShape;
    this.inShape = inShape;
    this.permutedShape = permutedShape;
    this.inverse = inverse;
  }

  /**
   * The rows of {@code x} reduced over {@code dims} (negative count from the end; none means all):
   * the output's shape has those dimensions removed, or kept as size 1 when {@code keepDim}.
   *
   * @throws IllegalArgumentException naming {@code op} when a dimension appears twice
   */
  static ReducedRows of(String op, Tensor x, int[] dims, boolean keepDim) {
    int[] shape = x.shape();
    int rank = shape.length;
    boolean[] reduced = new boolean[rank];
    if (dims.length == 0) {
      java.util.Arrays.fill(reduced, true);
    }
    for (int dim : dims) {
      int d = Shapes.normalizeDim(op, dim, rank);
      if (rank > 0) {
        if (reduced[d]) {
          throw new IllegalArgumentException(op + ": dimension " + d + " appears twice");
        }
        reduced[d] = true;
      }
    }
    int[] order = new int[rank];
    int next = 0;
    int removed = 0;
    for (int d = 0; d < rank; d++) {
      if (!reduced[d]) {
        order[next++] = d;
      }
    }
    int keptCount = next;
    for (int d = 0; d < rank; d++) {
      if (reduced[d]) {
        order[next++] = d;
        removed++;
      }
    }
    int[] inverse = new int[rank];
    int[] permutedShape = new int[rank];
    for (int i = 0; i < rank; i++) {
      inverse[order[i]] = i;
      permutedShape[i] = shape[order[i]];
    }
    int[] outShape = new int[keepDim ? rank : rank - removed];
    for (int d = 0, j = 0; d < rank; d++) {
      if (!reduced[d]) {
        outShape[j++] = shape[d];
      } else if (keepDim) {
        outShape[j++] = 1;
      }
    }
    int rows = Shapes.product(permutedShape, 0, keptCount);
    int length = Shapes.product(permutedShape, keptCount, rank);
    float[] values = rank == 0 ? x.toFloatArray() : x.detach().permute(order).toFloatArray();
    return new ReducedRows(values, rows, length, outShape, shape, permutedShape, inverse);
  }

  /** A tensor of the input's shape from values laid out as {@link #values} are. */
  Tensor toInputLayout(float[] rowValues) {
    if (inShape.length == 0) {
      return Tensor.wrap(rowValues);
    }
    return Tensor.wrap(rowValues, permutedShape).permute(inverse).contiguous();
  }
}
