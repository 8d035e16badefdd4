package dev.lamina.ops;

/**
 * Reductions along one contiguous row, for the ops that reduce rows (softmax, layer norm,
 * variance). Sums run in double precision in four interleaved partial sums, so that the additions
 * do not wait on each other one by one.
 */
final class RowReductions {
  private RowReductions() {}

  /** {@code Σ a[from + k]} for {@code k < n}. */
  static double sum(float[] a, int from, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int k = 0;
    for (; k + 3 < n; k += 4) {
      s0 += a[from + k];
      s1 += a[from + k + 1];
      s2 += a[from + k + 2];
      s3 += a[from + k + 3];
    }
    for (; k < n; k++) {
      s0 += a[from + k];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * {@code Σ a[aFrom + k] b[bFrom + k]} for {@code k < n}: each product rounded to float (within
   * half an ulp), the sum in double. Widening both factors first would be exact, but converting
   * two floats per term costs four times as much.
   */
  static double dot(float[] a, int aFrom, float[] b, int bFrom, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int k = 0;
    for (; k + 3 < n; k += 4) {
      s0 += a[aFrom + k] * b[bFrom + k];
      s1 += a[aFrom + k + 1] * b[bFrom + k + 1];
      s2 += a[aFrom + k + 2] * b[bFrom + k + 2];
      s3 += a[aFrom + k + 3] * b[bFrom + k + 3];
    }
    for (; k < n; k++) {
      s0 += a[aFrom + k] * b[bFrom + k];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** {@code Σ (a[from + k] - mean)^2} for {@code k < n}. */
  static double squaredDeviations(float[] a, int from, int n, double mean) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int k = 0;
    for (; k + 3 < n; k += 4) {
      double d0 = a[from + k] - mean;
      double d1 = a[from + k + 1] - mean;
      double d2 = a[from + k + 2] - mean;
      double d3 = a[from + k + 3] - mean;
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
    }
    for (; k < n; k++) {
      double d = a[from + k] - mean;
      s0 += d * d;
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * The largest of {@code a[from, from + n)}, {@code -inf} for no elements; NaN when one is a NaN
   * with its sign bit clear (the usual kind; another NaN may be passed over, so a caller that must
   * propagate every NaN lets it reach the row's sum). Compared as integers: a float's bits, with
   * the magnitude bits of a negative one flipped, order as the floats do, and an integer maximum
   * is one instruction where {@code Math.max} of floats is several.
   */
  static float max(float[] a, int from, int n) {
    int best = orderedBits(Float.NEGATIVE_INFINITY);
    for (int k = from; k < from + n; k++) {
      best = Math.max(best, orderedBits(a[k]));
    }
    // The mapping is its own inverse.
    return Float.intBitsToFloat(best ^ ((best >> 31) & 0x7fffffff));
  }

  /** {@code x}'s bits, the magnitude bits flipped when the sign bit is set. */
  private static int orderedBits(float x) {
    int bits = Float.floatToRawIntBits(x);
    return bits ^ ((bits >> 31) & 0x7fffffff);
  }
}
