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
    if (as == 1 && bs == 1) {
      for (int i = 0; i < n; i++) {
        out[o + i] = f.apply(a[ai + i], b[bi + i]);
      }
    } else if (as == 1 && bs == 0) {
      float bv = b[bi];
      for (int i = 0; i < n; i++) {
        out[o + i] = f.apply(a[ai + i], bv);
      }
    } else if (as == 0 && bs == 1) {
      float av = a[ai];
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
