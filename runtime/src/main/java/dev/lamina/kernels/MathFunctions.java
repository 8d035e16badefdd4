package dev.lamina.kernels;

/**
 * The error function and the hyperbolic tangent in double precision, fast enough for an
 * element-wise kernel and far more accurate than a float needs: both within {@code 1e-11} of the
 * true value over the whole line (absolute, and relative where the value is small).
 *
 * <p>{@code erf} is a Taylor polynomial in {@code x²} below {@code |x| = 0.9}, and above it
 * {@code 1 - e^(-x²) f(x)}, where {@code f(x) = e^(x²) erfc x} is smooth and slowly varying: it is
 * a Chebyshev polynomial of degree {@value #CHEBYSHEV_DEGREE} on {@code [0.9, 6]}, interpolated when
 * this class loads from Laplace's continued fraction for {@code erfc}, so no coefficient is typed in.
 * Beyond {@code |x| = 6}, {@code 1 - |erf x|} is below {@code 2.2e-17} and the result is {@code ±1}.
 *
 * <p>{@code Math.tanh} is not an intrinsic on every JDK and costs tens of nanoseconds; here it is
 * {@code 1 - 2 / (e^(2|x|) + 1)} with the sign of {@code x}, and a Taylor polynomial below
 * {@code |x| = 0.04}, where that difference would cancel.
 */
public final class MathFunctions {
  private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
  private static final double TAYLOR_END = 0.9;
  private static final double CHEBYSHEV_END = 6;
  private static final int TAYLOR_TERMS = 12;
  private static final int CHEBYSHEV_DEGREE = 20;
  private static final int CONTINUED_FRACTION_DEPTH = 400;

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

  /** The hyperbolic tangent; NaN stays NaN, infinities give ±1. */
  public static double tanh(double x) {
    double a = Math.abs(x);
    double value;
    if (a < 0.04) {
      // x - x³/3 + 2x⁵/15 - 17x⁷/315 + 62x⁹/2835: the next term is below 1e-17 of x here.
      double s = a * a;
      value = a * (1 + s * (-1.0 / 3 + s * (2.0 / 15 + s * (-17.0 / 315 + s * (62.0 / 2835)))));
    } else if (a < 20) {
      value = 1 - 2 / (Math.exp(2 * a) + 1);
    } else if (a >= 20) {
      value = 1; // 1 - tanh 20 is below 1e-17
    } else {
      return x; // NaN
    }
    return Math.copySign(value, x);
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
