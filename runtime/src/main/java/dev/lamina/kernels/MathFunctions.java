package dev.lamina.kernels;

/**
 * The error function in double precision, fast enough for an element-wise kernel and far more
 * accurate than a float needs (within {@code 1e-11} of the true value over the whole line, absolute,
 * and relative where the value is small); the hyperbolic tangent and the logistic function in float
 * precision, in arithmetic a loop vectorizes.
 *
 * <p>{@code erf} is a Taylor polynomial in {@code x²} below {@code |x| = 0.9}, and above it
 * {@code 1 - e^(-x²) f(x)}, where {@code f(x) = e^(x²) erfc x} is smooth and slowly varying: it is
 * a Chebyshev polynomial of degree {@value #CHEBYSHEV_DEGREE} on {@code [0.9, 6]}, interpolated when
 * this class loads from Laplace's continued fraction for {@code erfc}, so no coefficient is typed in.
 * Beyond {@code |x| = 6}, {@code 1 - |erf x|} is below {@code 2.2e-17} and the result is {@code ±1}.
 *
 * <p>{@code Math.tanh} is no intrinsic and costs about 45 ns here; {@link #tanh} costs under 1 ns
 * in a loop, which the JIT turns into vector instructions.
 */
public final class MathFunctions {
  private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
  private static final double TAYLOR_END = 0.9;
  private static final double CHEBYSHEV_END = 6;
  private static final int TAYLOR_TERMS = 12;
  private static final int CHEBYSHEV_DEGREE = 20;
  private static final int CONTINUED_FRACTION_DEPTH = 400;

  // tanh x ~ x P(x²) / Q(x²) on [-9, 9], from fixtures/math/fit_tanh.py.
  private static final float TANH_CLAMP = 9f;
  private static final float TANH_P0 = 9.999999836e-01f;
  private static final float TANH_P1 = 1.293653341e-01f;
  private static final float TANH_P2 = 2.939184171e-03f;
  private static final float TANH_P3 = 9.431485112e-06f;
  private static final float TANH_P4 = -1.325474696e-08f;
  private static final float TANH_P5 = 1.941835674e-11f;
  private static final float TANH_Q1 = 4.626984026e-01f;
  private static final float TANH_Q2 = 2.383908860e-02f;
  private static final float TANH_Q3 = 2.306202230e-04f;

  /** {@code erf x = 2/sqrt(pi) Σ_k (-1)^k x^(2k+1) / (k! (2k+1))}: coefficient k of x^(2k+1). */
  private static final double[] TAYLOR = new double[TAYLOR_TERMS];
  /** {@code e^(x²) erfc x} on {@code [0.9, 6]} in Chebyshev polynomials of the mapped variable. */
  private static final double[] CHEBYSHEV = new double[CHEBYSHEV_DEGREE + 1];

  static {
    double factorial = 1;
    for (int k = 0; k < TAYLOR_TERMS; k++) {
      if (k > 0) {
        factorial *= k;
      }
      TAYLOR[k] = TWO_OVER_SQRT_PI * (k % 2 == 0 ? 1 : -1) / (factorial * (2 * k + 1));
    }
    // Interpolation at the zeros of T_n: c_j = (2/n) Σ_k f(x_k) T_j(t_k), the first halved.
    int nodes = 2 * (CHEBYSHEV_DEGREE + 4);
    double[] values = new double[nodes];
    for (int k = 0; k < nodes; k++) {
      values[k] = scaledErfc(fromUnit(Math.cos(Math.PI * (k + 0.5) / nodes)));
    }
    for (int j = 0; j <= CHEBYSHEV_DEGREE; j++) {
      double sum = 0;
      for (int k = 0; k < nodes; k++) {
        sum += values[k] * Math.cos(j * Math.PI * (k + 0.5) / nodes);
      }
      CHEBYSHEV[j] = (j == 0 ? 1.0 : 2.0) * sum / nodes;
    }
  }

  private MathFunctions() {}

  /** The error function {@code erf x = 2/sqrt(pi) ∫_0^x e^(-t²) dt}; NaN stays NaN. */
  public static double erf(double x) {
    double a = Math.abs(x);
    double value;
    if (a < TAYLOR_END) {
      double s = a * a;
      double sum = TAYLOR[TAYLOR_TERMS - 1];
      for (int k = TAYLOR_TERMS - 2; k >= 0; k--) {
        sum = sum * s + TAYLOR[k];
      }
      value = sum * a;
    } else if (a < CHEBYSHEV_END) {
      value = 1 - Math.exp(-a * a) * chebyshev(toUnit(a));
    } else if (a >= CHEBYSHEV_END) {
      value = 1;
    } else {
      return x; // NaN
    }
    return Math.copySign(value, x);
  }

  /**
   * The hyperbolic tangent in float precision, within {@code 4e-7} of it relatively: the rational
   * function {@code x P(x²) / Q(x²)} fitted by {@code fixtures/math/fit_tanh.py}, on {@code x}
   * clamped to {@code [-9, 9]} (beyond, tanh is 1 in float). Arithmetic only, so a loop over it
   * compiles to vector instructions. Never beyond ±1; NaN stays NaN, infinities give ±1, -0
   * stays -0.
   */
  public static float tanh(float x) {
    float v = Math.max(-TANH_CLAMP, Math.min(TANH_CLAMP, x));
    float s = v * v;
    float p = TANH_P0 + s * (TANH_P1 + s * (TANH_P2 + s * (TANH_P3 + s * (TANH_P4 + s * TANH_P5))));
    float q = 1f + s * (TANH_Q1 + s * (TANH_Q2 + s * TANH_Q3));
    // The fit overshoots 1 by up to 2e-7 near the clamp; tanh never does.
    return Math.max(-1f, Math.min(1f, v * p / q));
  }

  /**
   * The logistic function {@code 1 / (1 + e^-x) = (1 + tanh(x / 2)) / 2}, within {@code 3e-7}
   * absolutely: for gates, where only absolute error matters (far below {@code x = -15} it is
   * about {@code 2e-7} where the true value is near 0). The sigmoid op keeps the exact formula.
   */
  public static float sigmoid(float x) {
    return 0.5f + 0.5f * tanh(0.5f * x);
  }

  /** The Chebyshev series at {@code t} in [-1, 1], by Clenshaw's recurrence. */
  private static double chebyshev(double t) {
    double next = 0;
    double current = 0;
    double twoT = 2 * t;
    for (int j = CHEBYSHEV_DEGREE; j >= 1; j--) {
      double previous = current;
      current = twoT * current - next + CHEBYSHEV[j];
      next = previous;
    }
    return t * current - next + CHEBYSHEV[0];
  }

  private static double toUnit(double a) {
    return (2 * a - (CHEBYSHEV_END + TAYLOR_END)) / (CHEBYSHEV_END - TAYLOR_END);
  }

  private static double fromUnit(double t) {
    return ((CHEBYSHEV_END - TAYLOR_END) * t + (CHEBYSHEV_END + TAYLOR_END)) / 2;
  }

  /**
   * {@code e^(x²) erfc x} for {@code x >= 0.9} from Laplace's continued fraction
   * {@code sqrt(pi) e^(x²) erfc x = 1 / (x + (1/2) / (x + 1 / (x + (3/2) / (x + ...))))}, evaluated
   * from a depth at which it has converged to double precision on that range.
   */
  private static double scaledErfc(double x) {
    double tail = x;
    for (int k = CONTINUED_FRACTION_DEPTH; k >= 1; k--) {
      tail = x + (k / 2.0) / tail;
    }
    return 1 / (tail * Math.sqrt(Math.PI));
  }
}
