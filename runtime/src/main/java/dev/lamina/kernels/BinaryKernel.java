package dev.lamina.kernels;

/**
 * An element-wise function of two floats, applied over broadcast operands by {@link #apply}.
 *
 * <p>The outer dimensions are walked once per row of the innermost dimension; each row is a
 * contiguous loop when both operands are, so the JIT can vectorize it.
 */
public abstract class BinaryKernel {
  /** The value at one position. */
  protected abstract float apply(float a, float b);

  /**
   * One row: {@code out[o + i] = f(a[ai + i * as], b[bi + i * bs])} for {@code i < n}. Subclasses
   * override it where a specialized loop is worth it.
   */
  protected void row(float[] a, int ai, int as, float[] b, int bi, int bs, float[] out, int o,
      int n) {
    if (as == 1 && bs == 1) {
      for (int i = 0; i < n; i++) {
        out[o + i] = apply(a[ai + i], b[bi + i]);
      }
    } else if (as == 1 && bs == 0) {
      float bv = b[bi];
      for (int i = 0; i < n; i++) {
        out[o + i] = apply(a[ai + i], bv);
      }
    } else {
      for (int i = 0; i < n; i++) {
        out[o + i] = apply(a[ai + i * as], b[bi + i * bs]);
      }
    }
  }

  /**
   * Fills the contiguous {@code out} of shape {@code outShape} from operands already expressed in
   * broadcast strides of the same rank.
   */
  public final void apply(int[] outShape, float[] a, int aOffset, int[] aStrides, float[] b,
      int bOffset, int[] bStrides, float[] out) {
    int rank = outShape.length;
    if (rank == 0) {
      out[0] = apply(a[aOffset], b[bOffset]);
      return;
    }
    int n = outShape[rank - 1];
    int total = out.length;
    if (n == 0 || total == 0) {
      return;
    }
    int as = aStrides[rank - 1];
    int bs = bStrides[rank - 1];
    int[] index = new int[rank];
    int ai = aOffset;
    int bi = bOffset;
    for (int o = 0; o < total; o += n) {
      row(a, ai, as, b, bi, bs, out, o, n);
      // Advance the odometer over the outer dimensions.
      for (int d = rank - 2; d >= 0; d--) {
        index[d]++;
        ai += aStrides[d];
        bi += bStrides[d];
        if (index[d] < outShape[d]) {
          break;
        }
        ai -= aStrides[d] * outShape[d];
        bi -= bStrides[d] * outShape[d];
        index[d] = 0;
      }
    }
  }
}
