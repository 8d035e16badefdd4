package dev.lamina.kernels;

import dev.lamina.annotations.DType;
import dev.lamina.shape.OpShapes;
import java.util.Arrays;

/** Arithmetic on shapes and strides: sizes, broadcasting, dimension indices. */
public final class Shapes {
  /** The most elements a tensor can hold: the largest Java array the JVM allocates. */
  public static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

  private Shapes() {}

  /** The number of elements of {@code shape}; throws if it does not fit in an {@code int}. */
  public static int numel(int[] shape) {
    long n = 1;
    for (int size : shape) {
      if (size < 0) {
        throw new IllegalArgumentException("negative dimension " + size + " in shape " + format(shape));
      }
      n *= size;
      if (n > MAX_ELEMENTS) {
        throw new IllegalArgumentException(
            "shape " + format(shape) + " has more elements than a Java array can hold");
      }
    }
    return (int) n;
  }

  /** Row-major strides: the last dimension moves fastest. */
  public static int[] contiguousStrides(int[] shape) {
    int[] strides = new int[shape.length];
    int stride = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      strides[d] = stride;
      stride *= Math.max(shape[d], 1);
    }
    return strides;
  }

  /**
   * The shape two operands broadcast to, with PyTorch's rules: align the trailing dimensions; each
   * pair must be equal or contain a 1 (the shared rule, {@code ShapeRules.broadcast}).
   *
   * @throws IllegalArgumentException naming {@code op} and both shapes when they do not broadcast
   */
  public static int[] broadcast(String op, int[] a, int[] b) {
    return OpShapes.broadcast(op, a, b);
  }

  /**
   * Strides that read an operand of {@code shape} with {@code strides} as if it had {@code
   * outShape}: stride 0 along every broadcast dimension.
   */
  public static int[] broadcastStrides(int[] shape, int[] strides, int[] outShape) {
    int[] out = new int[outShape.length];
    int shift = outShape.length - shape.length;
    for (int d = 0; d < shape.length; d++) {
      out[d + shift] = shape[d] == 1 && outShape[d + shift] != 1 ? 0 : strides[d];
    }
    return out;
  }

  /**
   * Strides under which {@code newShape} reads the same elements, in the same row-major order, as
   * {@code shape} with {@code strides}; {@code null} when no such strides exist and a reshape must
   * copy. Dimensions can be split or merged only within runs that are laid out contiguously with
   * respect to each other; size-1 dimensions can always be inserted or removed.
   */
  public static int[] viewStrides(int[] shape, int[] strides, int[] newShape) {
    int[] out = new int[newShape.length];
    if (shape.length == 0 || numel(shape) == 0) {
      return contiguousStrides(newShape);
    }
    int viewDim = newShape.length - 1;
    int chunkBaseStride = strides[shape.length - 1];
    long chunkElements = 1;
    long viewElements = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      chunkElements *= shape[d];
      boolean chunkEnds = d == 0
          || (shape[d - 1] != 1 && strides[d - 1] != chunkElements * chunkBaseStride);
      if (chunkEnds) {
        while (viewDim >= 0 && (viewElements < chunkElements || newShape[viewDim] == 1)) {
          out[viewDim] = (int) (viewElements * chunkBaseStride);
          viewElements *= newShape[viewDim];
          viewDim--;
        }
        if (viewElements != chunkElements) {
          return null;
        }
        if (d > 0) {
          chunkBaseStride = strides[d - 1];
          chunkElements = 1;
          viewElements = 1;
        }
      }
    }
    return viewDim == -1 ? out : null;
  }

  /** {@code dim} as an index in [0, rank), accepting negative dims as PyTorch does. */
  public static int normalizeDim(String op, int dim, int rank) {
    int lo = -Math.max(rank, 1);
    int hi = Math.max(rank, 1) - 1;
    if (dim < lo || dim > hi) {
      throw new IndexOutOfBoundsException(
          op + ": dimension " + dim + " is out of range for a tensor of rank " + rank
              + " (expected a dimension in [" + lo + ", " + hi + "])");
    }
    return dim < 0 ? dim + Math.max(rank, 1) : dim;
  }

  /** {@code [2, 3]}, the way shapes appear in messages. */
  public static String format(int[] shape) {
    return Arrays.toString(shape);
  }

  /** {@code int64 [3, 4]}: a tensor's dtype, under PyTorch's name, and its shape, for messages. */
  public static String describe(DType dtype, int[] shape) {
    return dtype.name().toLowerCase(java.util.Locale.ROOT) + " " + format(shape);
  }

  /** The product of {@code shape[from..to)}. */
  public static int product(int[] shape, int from, int to) {
    int p = 1;
    for (int i = from; i < to; i++) {
      p *= shape[i];
    }
    return p;
  }
}
