package dev.lamina.kernels;

/**
 * Sums over a contiguous run of floats, in double precision, for the statistics of the
 * normalizations: {@code Σ a}, {@code Σ (a - mean)^2} and {@code Σ g (x - mean)} over
 * {@code [from, from + length)}.
 *
 * <p>Each keeps eight partial sums, elements {@code i, i + 8, i + 16, ...} in the same one, added
 * together at the end. Java adds floating-point numbers in exactly the order written, so with one
 * accumulator every addition waits for the one before it (four cycles), and the JIT may not
 * reorder them; eight independent chains keep the adders busy, several times faster. The result
 * differs from the sequential sum only in rounding, and is, if anything, more accurate: each
 * partial sum holds an eighth of the terms.
 */
public final class RowSums {
  private RowSums() {}

  /** {@code Σ a[i]} for {@code i} in {@code [from, from + length)}. */
  public static double sum(float[] a, int from, int length) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    double s5 = 0;
    double s6 = 0;
    double s7 = 0;
    int end = from + length;
    int i = from;
    for (; i + 8 <= end; i += 8) {
      s0 += a[i];
      s1 += a[i + 1];
      s2 += a[i + 2];
      s3 += a[i + 3];
      s4 += a[i + 4];
      s5 += a[i + 5];
      s6 += a[i + 6];
      s7 += a[i + 7];
    }
    for (; i < end; i++) {
      s0 += a[i];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  /**
   * {@code Σ (a[i] - mean)^2} for {@code i} in {@code [from, from + length)}: with {@code mean}
   * the run's own mean, the second pass of the two-pass variance, which, unlike
   * {@code Σ a^2 - n mean^2}, stays accurate when the mean is large beside the spread.
   */
  public static double squaredDeviations(float[] a, int from, int length, double mean) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    double s5 = 0;
    double s6 = 0;
    double s7 = 0;
    int end = from + length;
    int i = from;
    for (; i + 8 <= end; i += 8) {
      double d0 = a[i] - mean;
      double d1 = a[i + 1] - mean;
      double d2 = a[i + 2] - mean;
      double d3 = a[i + 3] - mean;
      double d4 = a[i + 4] - mean;
      double d5 = a[i + 5] - mean;
      double d6 = a[i + 6] - mean;
      double d7 = a[i + 7] - mean;
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
      s4 += d4 * d4;
      s5 += d5 * d5;
      s6 += d6 * d6;
      s7 += d7 * d7;
    }
    for (; i < end; i++) {
      double d = a[i] - mean;
      s0 += d * d;
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  /** {@code Σ g[i] (x[i] - mean)} for {@code i} in {@code [from, from + length)}. */
  public static double centeredDot(float[] g, float[] x, int from, int length, double mean) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    double s5 = 0;
    double s6 = 0;
    double s7 = 0;
    int end = from + length;
    int i = from;
    for (; i + 8 <= end; i += 8) {
      s0 += g[i] * (x[i] - mean);
      s1 += g[i + 1] * (x[i + 1] - mean);
      s2 += g[i + 2] * (x[i + 2] - mean);
      s3 += g[i + 3] * (x[i + 3] - mean);
      s4 += g[i + 4] * (x[i + 4] - mean);
      s5 += g[i + 5] * (x[i + 5] - mean);
      s6 += g[i + 6] * (x[i + 6] - mean);
      s7 += g[i + 7] * (x[i + 7] - mean);
    }
    for (; i < end; i++) {
      s0 += g[i] * (x[i] - mean);
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }
}
