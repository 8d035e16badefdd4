package dev.lamina.ops;

import dev.lamina.Tensor;
import dev.lamina.kernels.Shapes;
import dev.lamina.shape.OpShapes;

/**
 * The layout of a reduction over a set of dimensions that needs each group of reduced elements
 * together (a variance's two passes, a log-sum-exp's maximum, a softmax's sum): the input permuted
 * so that the reduced dimensions come last, each group then one contiguous row of {@link #length}
 * values, one row per output element, in the output's order. When the reduced dimensions already
 * are the last ones, rows of a contiguous tensor are read where they lie, with no copy.
 */
final class ReducedRows {
  /** How many rows, the number of output elements. */
  final int rows;
  /** How many values each row holds, the number of elements each output reduces. */
  final int length;
  /** The output's shape. */
  final int[] outShape;
  private final int[] inShape;
  private final int[] permutedShape;
  private final int[] order;
  private final int[] inverse;
  /** Whether the reduced dimensions are the last ones, so that the permutation is the identity. */
  private final boolean inPlace;

  private ReducedRows(int rows, int length, int[] outShape, int[] inShape, int[] permutedShape,
      int[] order, int[] inverse, boolean inPlace) {
    this.rows = rows;
    this.length = length;
    this.outShape = outShape;
    this.inShape = inShape;
    this.permutedShape = permutedShape;
    this.order = order;
    this.inverse = inverse;
    this.inPlace = inPlace;
  }

  /**
   * The layout of {@code x} reduced over {@code dims} (negative count from the end; none means
   * all): the output's shape has those dimensions removed, or kept as size 1 when {@code keepDim}.
   * Its rows are {@link #rowsOf rowsOf(x)}.
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
    OpShapes.requireReduce(op, shape, dims, keepDim);
    for (int dim : dims) {
      if (rank > 0) {
        reduced[dim < 0 ? dim + rank : dim] = true;
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
    boolean inPlace = true;
    for (int i = 0; i < rank; i++) {
      inverse[order[i]] = i;
      permutedShape[i] = shape[order[i]];
      inPlace &= order[i] == i;
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
    return new ReducedRows(rows, length, outShape, shape, permutedShape, order, inverse, inPlace);
  }

  /**
   * The values of {@code t}, a tensor of the input's shape (the input itself, or the gradient of
   * an output of that shape), row after row: the storage itself when {@code t} is contiguous and
   * its rows lie in order, a permuted copy otherwise. Read it, do not write it.
   */
  float[] rowsOf(Tensor t) {
    if (inPlace) {
      return Elementwise.values(t);
    }
    return t.detach().permute(order).toFloatArray();
  }

  /** A tensor of the input's shape from values laid out as {@link #rowsOf} gives them. */
  Tensor toInputLayout(float[] rowValues) {
    if (inPlace) {
      return Tensor.wrap(rowValues, inShape);
    }
    return Tensor.wrap(rowValues, permutedShape).permute(inverse).contiguous();
  }
}
