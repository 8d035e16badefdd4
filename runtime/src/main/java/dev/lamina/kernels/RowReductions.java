package dev.lamina.kernels;

/**
 * Reductions over a contiguous run of floats, for the ops that reduce rows (normalizations,
 * softmax, variance, bias gradients): sums in double precision, {@code Σ a}, {@code Σ a b}, and for
 * the normalizations {@code Σ (a - mean)^2} and, with {@code Σ g}, {@code Σ g (x - mean)}; and the
 * row's maximum.
 *
 * <p>Each sum keeps independent partial sums (eight, or four for the dot product), elements {@code i, i + 8, i + 16, ...} in the same one, added
 * together at the end. Java adds floating-point numbers in exactly the order written, so with one
 * accumulator every addition waits for the one before it (a few cycles), and the JIT may not
 * reorder them; eight independent chains keep the adders busy, several times faster. The result
 * differs from the sequential sum only in rounding, and is, if anything, more accurate: each
 * partial sum holds an eighth of the terms.
 */
public final class RowReductions {
  private RowReductions() {}

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

  /**
   * Adds {@code Σ g[i]} to {@code sums[at]} and {@code Σ g[i] (x[i] - mean)} to
   * {@code centeredDots[at]}, for {@code i} in {@code [from, from + length)}: both sums of a
   * normalization's backward in one pass, which reads {@code g} once.
   */
  public static void addSumAndCenteredDot(float[] g, float[] x, int from, int length,
      double mean, double[] sums, double[] centeredDots, int at) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    double s5 = 0;
    double s6 = 0;
    double s7 = 0;
    double d0 = 0;
    double d1 = 0;
    double d2 = 0;
    double d3 = 0;
    double d4 = 0;
    double d5 = 0;
    double d6 = 0;
    double d7 = 0;
    int end = from + length;
    int i = from;
    for (; i + 8 <= end; i += 8) {
      double g0 = g[i];
      double g1 = g[i + 1];
      double g2 = g[i + 2];
      double g3 = g[i + 3];
      double g4 = g[i + 4];
      double g5 = g[i + 5];
      double g6 = g[i + 6];
      double g7 = g[i + 7];
      s0 += g0;
      s1 += g1;
      s2 += g2;
      s3 += g3;
      s4 += g4;
      s5 += g5;
      s6 += g6;
      s7 += g7;
      d0 += g0 * (x[i] - mean);
      d1 += g1 * (x[i + 1] - mean);
      d2 += g2 * (x[i + 2] - mean);
      d3 += g3 * (x[i + 3] - mean);
      d4 += g4 * (x[i + 4] - mean);
      d5 += g5 * (x[i + 5] - mean);
      d6 += g6 * (x[i + 6] - mean);
      d7 += g7 * (x[i + 7] - mean);
    }
    for (; i < end; i++) {
      s0 += g[i];
      d0 += g[i] * (x[i] - mean);
    }
    sums[at] += ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    centeredDots[at] += ((d0 + d1) + (d2 + d3)) + ((d4 + d5) + (d6 + d7));
  }

  /**
   * {@code Σ a[aFrom + k] b[bFrom + k]} for {@code k < n}: each product rounded to float (within
   * half an ulp), the sum in double. Widening both factors first would be exact, but converting
   * two floats per term costs four times as much.
   */
  public static double dot(float[] a, int aFrom, float[] b, int bFrom, int n) {
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

  /**
   * The largest of {@code a[from, from + n)}, {@code -inf} for no elements; NaN when one is a NaN
   * with its sign bit clear (the usual kind; another NaN may be passed over, so a caller that must
   * propagate every NaN lets it reach the row's sum). Compared as integers: a float's bits, with
   * the magnitude bits of a negative one flipped, order as the floats do, and an integer maximum
   * is one instruction where {@code Math.max} of floats is several.
   */
  public static float max(float[] a, int from, int n) {
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
