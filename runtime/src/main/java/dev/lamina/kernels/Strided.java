package dev.lamina.kernels;

/** Copies between strided layouts. */
public final class Strided {
  private Strided() {}

  /** Copies the strided view ({@code shape}, {@code strides}, {@code offset}) into a new row-major array. */
  public static float[] toContiguous(float[] data, int offset, int[] shape, int[] strides) {
    float[] out = new float[Shapes.numel(shape)];
    copy(data, offset, shape, strides, out, 0, Shapes.contiguousStrides(shape));
    return out;
  }

  /** Copies every element of a strided source view into a strided destination view of the same shape. */
  public static void copy(float[] src, int srcOffset, int[] shape, int[] srcStrides, float[] dst,
      int dstOffset, int[] dstStrides) {
    transfer(src, srcOffset, shape, srcStrides, dst, dstOffset, dstStrides, false);
  }

  /** Adds every element of a strided source view onto a strided destination view of the same shape. */
  public static void add(float[] src, int srcOffset, int[] shape, int[] srcStrides, float[] dst,
      int dstOffset, int[] dstStrides) {
    transfer(src, srcOffset, shape, srcStrides, dst, dstOffset, dstStrides, true);
  }

  private static void transfer(float[] src, int srcOffset, int[] shape, int[] srcStrides,
      float[] dst, int dstOffset, int[] dstStrides, boolean add) {
    int rank = shape.length;
    if (rank == 0) {
      dst[dstOffset] = add ? dst[dstOffset] + src[srcOffset] : src[srcOffset];
      return;
    }
    int total = Shapes.numel(shape);
    if (total == 0) {
      return;
    }
    int n = shape[rank - 1];
    int ss = srcStrides[rank - 1];
    int ds = dstStrides[rank - 1];
    int[] index = new int[rank];
    int si = srcOffset;
    int di = dstOffset;
    for (int done = 0; done < total; done += n) {
      if (add) {
        addRow(src, si, ss, dst, di, ds, n);
      } else if (ss == 1 && ds == 1) {
        System.arraycopy(src, si, dst, di, n);
      } else {
        for (int i = 0; i < n; i++) {
          dst[di + i * ds] = src[si + i * ss];
        }
      }
      for (int d = rank - 2; d >= 0; d--) {
        index[d]++;
        si += srcStrides[d];
        di += dstStrides[d];
        if (index[d] < shape[d]) {
          break;
        }
        si -= srcStrides[d] * shape[d];
        di -= dstStrides[d] * shape[d];
        index[d] = 0;
      }
    }
  }

  private static void addRow(float[] src, int si, int ss, float[] dst, int di, int ds, int n) {
    if (ss == 1 && ds == 1) {
      for (int i = 0; i < n; i++) {
        dst[di + i] += src[si + i];
      }
    } else {
      for (int i = 0; i < n; i++) {
        dst[di + i * ds] += src[si + i * ss];
      }
    }
  }

  /**
   * Adds every element of a contiguous source of {@code shape} into a destination read through
   * {@code dstStrides} (zero along dimensions being summed away): the reverse of broadcasting.
   */
  public static void accumulate(float[] src, int[] shape, float[] dst, int[] dstStrides) {
    int rank = shape.length;
    if (rank == 0) {
      dst[0] += src[0];
      return;
    }
    int total = src.length;
    int n = shape[rank - 1];
    if (n == 0 || total == 0) {
      return;
    }
    int ds = dstStrides[rank - 1];
    int[] index = new int[rank];
    int di = 0;
    for (int s = 0; s < total; s += n) {
      if (ds == 0) {
        float acc = 0f;
        for (int i = 0; i < n; i++) {
          acc += src[s + i];
        }
        dst[di] += acc;
      } else if (ds == 1) {
        for (int i = 0; i < n; i++) {
          dst[di + i] += src[s + i];
        }
      } else {
        for (int i = 0; i < n; i++) {
          dst[di + i * ds] += src[s + i];
        }
      }
      for (int d = rank - 2; d >= 0; d--) {
        index[d]++;
        di += dstStrides[d];
        if (index[d] < shape[d]) {
          break;
        }
        di -= dstStrides[d] * shape[d];
        index[d] = 0;
      }
    }
  }
}
