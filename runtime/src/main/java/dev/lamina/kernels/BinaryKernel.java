package dev.lamina.kernels;

/**
 * The loop of a binary element-wise op over broadcast operands, {@code out[i] = f(a[i], b[i])},
 * compiled for that op's {@code f} alone. Make one per op, once, and keep it in a constant:
 *
 * <pre>{@code
 * private static final BinaryKernel ADD = BinaryKernel.of((a, b) -> a + b);
 * }</pre>
 */
public interface BinaryKernel {
  /**
   * One row: {@code out[o + i] = f(a[ai + i * as], b[bi + i * bs])} for {@code i < n}. A
   * contiguous loop, which the JIT vectorizes, when both strides are 1, or one is 1 and the other
   * 0 (a single broadcast value).
   */
  void row(float[] a, int ai, int as, float[] b, int bi, int bs, float[] out, int o, int n);

  /**
   * Fills the contiguous {@code out} of shape {@code outShape} from operands already expressed in
   * broadcast strides of the same rank, one {@link #row} at a time.
   *
   * <p>Dimensions that both operands step through as one (a contiguous block, or a broadcast
   * over several dimensions) are merged first, so that rows are as long as the layouts allow.
   * This walk is the same code for every op, on purpose: it calls the op's own {@link #row}
   * through the interface once per row, while the loop over a row, the part that counts, is
   * compiled per op.
   */
  default void apply(int[] outShape, float[] a, int aOffset, int[] aStrides, float[] b,
      int bOffset, int[] bStrides, float[] out) {
    if (out.length == 0) {
      return;
    }
    int rank = outShape.length;
    // Merged dimensions, innermost first.
    int[] sizes = new int[rank];
    int[] as = new int[rank];
    int[] bs = new int[rank];
    int merged = 0;
    for (int d = rank - 1; d >= 0; d--) {
      int size = outShape[d];
      if (size == 1) {
        continue;
      }
      int last = merged - 1;
      if (merged > 0 && aStrides[d] == as[last] * sizes[last]
          && bStrides[d] == bs[last] * sizes[last]) {
        sizes[last] *= size;
      } else {
        sizes[merged] = size;
        as[merged] = aStrides[d];
        bs[merged] = bStrides[d];
        merged++;
      }
    }
    if (merged == 0) {
      row(a, aOffset, 0, b, bOffset, 0, out, 0, 1);
      return;
    }
    int n = sizes[0];
    int[] index = new int[merged];
    int ai = aOffset;
    int bi = bOffset;
    for (int o = 0; o < out.length; o += n) {
      row(a, ai, as[0], b, bi, bs[0], out, o, n);
      // Advance the odometer over the outer dimensions.
      for (int d = 1; d < merged; d++) {
        index[d]++;
        ai += as[d];
        bi += bs[d];
        if (index[d] < sizes[d]) {
          break;
        }
        ai -= as[d] * sizes[d];
        bi -= bs[d] * sizes[d];
        index[d] = 0;
      }
    }
  }

  /** The loop for {@code f}, in a class of its own (see {@link LoopCopies}). */
  static BinaryKernel of(FloatBinaryOperator f) {
    return LoopCopies.copy(BinaryLoop.class, FloatBinaryOperator.class, f);
  }
}
