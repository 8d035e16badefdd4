package dev.lamina.kernels;

/**
 * The one row loop of the binary ops, of which each op gets its own copy through
 * {@link BinaryKernel#of}.
 */
final class BinaryLoop implements BinaryKernel {
  private final FloatBinaryOperator f;

  BinaryLoop(FloatBinaryOperator f) {
    this.f = f;
  }

  @Override
  public void row(float[] a, int ai, int as, float[] b, int bi, int bs, float[] out, int o,
      int n) {
    // Where an operand is read at the same index as out is written, the loops index all of them
    // by one variable: the JIT vectorizes those, and not a loop that reads an array at another
    // offset than it writes (it cannot rule out that the two arrays overlap). Whole tensors
    // from the start of their storage, and rows of a tensor and of its output, are such cases.
    int end = o + n;
    if (as == 1 && bs == 1) {
      if (ai == o && bi == o) {
        for (int i = o; i < end; i++) {
          out[i] = f.apply(a[i], b[i]);
        }
        return;
      }
      for (int i = 0; i < n; i++) {
        out[o + i] = f.apply(a[ai + i], b[bi + i]);
      }
    } else if (as == 1 && bs == 0) {
      float bv = b[bi];
      if (ai == o) {
        for (int i = o; i < end; i++) {
          out[i] = f.apply(a[i], bv);
        }
        return;
      }
      for (int i = 0; i < n; i++) {
        out[o + i] = f.apply(a[ai + i], bv);
      }
    } else if (as == 0 && bs == 1) {
      float av = a[ai];
      if (bi == o) {
        for (int i = o; i < end; i++) {
          out[i] = f.apply(av, b[i]);
        }
        return;
      }
      for (int i = 0; i < n; i++) {
        out[o + i] = f.apply(av, b[bi + i]);
      }
    } else {
      for (int i = 0; i < n; i++) {
        out[o + i] = f.apply(a[ai + i * as], b[bi + i * bs]);
      }
    }
  }
}
