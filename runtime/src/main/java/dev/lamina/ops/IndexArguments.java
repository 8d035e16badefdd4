package dev.lamina.ops;

import dev.lamina.Tensor;
import dev.lamina.annotations.DType;
import dev.lamina.kernels.Shapes;

/**
 * The checks shared by the ops that take int64 indices ({@link Gather}, {@link IndexSelect}): a
 * float is refused rather than truncated, and a bad index is named with its position.
 */
final class IndexArguments {
  private IndexArguments() {}

  /**
   * The values of {@code index}, row-major: read in its storage when it is contiguous, else from a
   * copy.
   *
   * @throws IllegalArgumentException unless it is int64: {@code embedding: ids must be int64, got
   *     float32 [4]}
   */
  static LongValues int64Values(String op, String what, Tensor index) {
    if (index.dtype() != DType.INT64) {
      throw new IllegalArgumentException(
          op + ": " + what + " must be int64, got " + describe(index)
              + "; convert it with to(DType.INT64)");
    }
    if (index.isContiguous()) {
      return new LongValues(index.longStorage(), index.storageOffset(), index.numel());
    }
    return new LongValues(index.toLongArray(), 0, index.numel());
  }

  /** {@code length} row-major values from {@code data[offset]}, read in place. */
  // A view, not a value: it reads the tensor's storage on purpose, so that no index is copied.
  @SuppressWarnings("ArrayRecordComponent")
  record LongValues(long[] data, int offset, int length) {
    long get(int i) {
      return data[offset + i];
    }
  }

  /** {@code float32 [4]}: the dtype under PyTorch's name, and the shape. */
  static String describe(Tensor t) {
    return Shapes.describe(t.dtype(), t.shape());
  }

  /** The index of row-major element {@code flat} of {@code shape}, as {@code [1, 0]}. */
  static String position(int flat, int[] shape) {
    int[] index = new int[shape.length];
    int rest = flat;
    for (int d = shape.length - 1; d >= 0; d--) {
      index[d] = rest % shape[d];
      rest /= shape[d];
    }
    return Shapes.format(index);
  }
}
