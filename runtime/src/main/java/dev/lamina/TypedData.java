package dev.lamina;

import dev.lamina.annotations.DType;
import dev.lamina.kernels.Shapes;

/**
 * The int64 and bool side of {@link Tensor}'s storage: row-major gathers and strided copies of
 * {@code long[]} and {@code boolean[]} views, and the conversions of {@link Tensor#to}.
 *
 * <p>Float32 storage goes through the kernels of {@code dev.lamina.kernels.Strided}; these tensors
 * are indices, masks and counters, small and copied rarely, so one walk that lists the storage
 * position of every element serves both types.
 */
final class TypedData {
  private TypedData() {}

  /**
   * The storage position of every element of the view ({@code offset}, {@code shape},
   * {@code strides}), in row-major order: {@code positions[i]} holds row-major element {@code i}.
   */
  static int[] positions(int offset, int[] shape, int[] strides) {
    int[] positions = new int[Shapes.numel(shape)];
    int rank = shape.length;
    int[] index = new int[rank];
    int p = offset;
    for (int i = 0; i < positions.length; i++) {
      positions[i] = p;
      for (int d = rank - 1; d >= 0; d--) {
        index[d]++;
        p += strides[d];
        if (index[d] < shape[d]) {
          break;
        }
        p -= strides[d] * shape[d];
        index[d] = 0;
      }
    }
    return positions;
  }

  /** The elements of a strided {@code long[]} view, row-major, in a new array. */
  static long[] gather(long[] data, int offset, int[] shape, int[] strides) {
    int[] from = positions(offset, shape, strides);
    long[] out = new long[from.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = data[from[i]];
    }
    return out;
  }

  /** The elements of a strided {@code boolean[]} view, row-major, in a new array. */
  static boolean[] gather(boolean[] data, int offset, int[] shape, int[] strides) {
    int[] from = positions(offset, shape, strides);
    boolean[] out = new boolean[from.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = data[from[i]];
    }
    return out;
  }

  /** Writes the row-major {@code values} into the strided view of {@code data}. */
  static void scatter(long[] values, long[] data, int offset, int[] shape, int[] strides) {
    int[] to = positions(offset, shape, strides);
    for (int i = 0; i < to.length; i++) {
      data[to[i]] = values[i];
    }
  }

  /** Writes the row-major {@code values} into the strided view of {@code data}. */
  static void scatter(boolean[] values, boolean[] data, int offset, int[] shape, int[] strides) {
    int[] to = positions(offset, shape, strides);
    for (int i = 0; i < to.length; i++) {
      data[to[i]] = values[i];
    }
  }

  /**
   * {@code source}'s values in a new contiguous tensor of {@code target} type, as PyTorch's
   * {@code Tensor.to(dtype)} converts them: float32 to int64 truncates toward zero (NaN gives 0 and
   * values beyond the int64 range saturate, Java's rule, where PyTorch's result is undefined);
   * int64 to float32 rounds to the nearest float; any type to bool is {@code value != 0} (so NaN is
   * true); bool to a number is 1 or 0.
   */
  static Tensor convert(Tensor source, DType target) {
    int[] shape = source.shape();
    int n = source.numel();
    return switch (target) {
      case FLOAT32 -> {
        float[] out = new float[n];
        if (source.dtype() == DType.INT64) {
          long[] in = source.toLongArray();
          for (int i = 0; i < n; i++) {
            out[i] = in[i];
          }
        } else {
          boolean[] in = source.toBooleanArray();
          for (int i = 0; i < n; i++) {
            out[i] = in[i] ? 1f : 0f;
          }
        }
        yield Tensor.wrap(out, shape);
      }
      case INT64 -> {
        long[] out = new long[n];
        if (source.dtype() == DType.FLOAT32) {
          float[] in = source.toFloatArray();
          for (int i = 0; i < n; i++) {
            out[i] = (long) in[i];
          }
        } else {
          boolean[] in = source.toBooleanArray();
          for (int i = 0; i < n; i++) {
            out[i] = in[i] ? 1 : 0;
          }
        }
        yield Tensor.wrapLongs(out, shape);
      }
      case BOOL -> {
        boolean[] out = new boolean[n];
        if (source.dtype() == DType.FLOAT32) {
          float[] in = source.toFloatArray();
          for (int i = 0; i < n; i++) {
            out[i] = in[i] != 0;
          }
        } else {
          long[] in = source.toLongArray();
          for (int i = 0; i < n; i++) {
            out[i] = in[i] != 0;
          }
        }
        yield Tensor.wrapBooleans(out, shape);
      }
    };
  }
}
