package dev.lamina.kernels;

/**
 * {@code e^x} in float precision, for the loops that take one exponential per element (softmax,
 * log-softmax): within 1 ulp of the exact value (0.956 ulp at worst, as
 * {@code fixtures/math/fit_exp.py} checks over every float of the range), as PyTorch's vectorized
 * {@code expf} is within 1 ulp. One at a time it
 * is faster than {@code (float) Math.exp(x)}, a call into a double-precision routine the JIT
 * cannot inline; over an array ({@link #exp(float[], float[], int, int)}) it takes about a third
 * of that routine's time, the polynomial being vectorized.
 *
 * <p>Cody and Waite's reduction {@code x = n ln 2 + r}, {@code |r| <= ln 2 / 2}, with {@code ln 2}
 * in two parts, the first short enough that {@code n} times it is exact; {@code e^r} as
 * {@code 1 + r + r² Q(r)}, {@code Q} of degree 5 fitted by {@code fixtures/math/fit_exp.py} (least
 * squares at Chebyshev points, weighted for relative error); {@code 2^n} added into the exponent
 * bits. No
 * fused multiply-add, which is slow where the hardware lacks it. Where {@code e^x} would be
 * subnormal or overflow ({@code x} outside {@code [-87.33, 88.72]}), and for NaN,
 * {@code Math.exp} answers.
 */
public final class FloatExp {
  private static final float LOG2_E = 1.44269504f;
  /** {@code 1.5 · 2^23}: adding it rounds a float of magnitude below {@code 2^22} to an integer. */
  private static final float ROUNDING = 12582912f;
  private static final int ROUNDING_BITS = Float.floatToRawIntBits(ROUNDING);
  /** {@code ln 2 = LN2_HIGH + LN2_LOW}; {@code LN2_HIGH} has 9 significant bits. */
  private static final float LN2_HIGH = 0.693359375f;
  private static final float LN2_LOW = -2.12194440e-4f;
  // e^r ~ 1 + r + r² Q(r), |r| <= ln 2 / 2, from fixtures/math/fit_exp.py.
  private static final float Q0 = 5.0000000000e-01f;
  private static final float Q1 = 1.6666665673e-01f;
  private static final float Q2 = 4.1666269302e-02f;
  private static final float Q3 = 8.3334296942e-03f;
  private static final float Q4 = 1.3946021209e-03f;
  private static final float Q5 = 1.9826495554e-04f;
  /** Below this {@code e^x} is subnormal, and the exponent bits cannot hold {@code 2^n}. */
  static final float NORMAL_FROM = -87.33f;
  /** Above this {@code e^x} overflows. */
  static final float FINITE_UNTIL = 88.72f;

  private FloatExp() {}

  /** {@code e^x}, within 1 ulp; {@code e^0} is exactly 1, NaN stays NaN, {@code e^-inf} is 0. */
  public static float exp(float x) {
    return inRange(x) ? scaled(reduced(x), x) : (float) Math.exp(x);
  }

  /**
   * {@code out[i] = e^(x[i])} for {@code from <= i < to}, each as {@link #exp(float)} gives it.
   * {@code x} is left as it was, and must not be {@code out}. In the two loops of
   * {@link #reduceInPlace} and {@link #fromReduced}, the first vectorized: over a long range about
   * a third of the time of one {@link #exp(float)} per element; for many short rows, call this
   * once over all of them.
   */
  public static void exp(float[] x, float[] out, int from, int to) {
    if (x == out) {
      throw new IllegalArgumentException("FloatExp.exp: the input and output must be different"
          + " arrays, since the second loop reads the input again");
    }
    for (int i = from; i < to; i++) {
      out[i] = reduced(x[i]);
    }
    for (int i = from; i < to; i++) {
      out[i] = fromReduced(out[i], x[i]);
    }
  }

  /**
   * The first half of {@code e^x} over {@code values[from, to)}, in place: each {@code x} becomes
   * {@code e^r}, {@code r} its reduced argument, the polynomial; float arithmetic only, in a loop
   * the JIT vectorizes whatever the length. {@link #fromReduced} finishes each element.
   */
  public static void reduceInPlace(float[] values, int from, int to) {
    for (int i = from; i < to; i++) {
      values[i] = reduced(values[i]);
    }
  }

  /**
   * The second half of {@code e^x}: from what {@link #reduceInPlace} left for {@code x}, and
   * {@code x} itself, exactly {@link #exp(float)}. One element at a time, since it moves bits
   * between float and int registers, which the JIT does not vectorize; a caller that can compute
   * {@code x} again needs no second array.
   */
  public static float fromReduced(float reduced, float x) {
    return inRange(x) ? scaled(reduced, x) : (float) Math.exp(x);
  }

  /** Whether {@code e^x} is a normal float and the polynomial answers ({@code false} for NaN). */
  private static boolean inRange(float x) {
    return x >= NORMAL_FROM && x <= FINITE_UNTIL;
  }

  /** {@code e^r} for {@code x = n ln 2 + r}, {@code n} the integer nearest {@code x / ln 2}. */
  private static float reduced(float x) {
    float k = (x * LOG2_E + ROUNDING) - ROUNDING;
    float r = x - k * LN2_HIGH - k * LN2_LOW;
    float p = ((((Q5 * r + Q4) * r + Q3) * r + Q2) * r + Q1) * r + Q0;
    return p * (r * r) + r + 1f;
  }

  /** {@code reduced · 2^n}, {@code n} as in {@link #reduced}, put into the exponent bits. */
  private static float scaled(float reduced, float x) {
    int n = Float.floatToRawIntBits(x * LOG2_E + ROUNDING) - ROUNDING_BITS;
    return Float.intBitsToFloat(Float.floatToRawIntBits(reduced) + (n << 23));
  }
}
