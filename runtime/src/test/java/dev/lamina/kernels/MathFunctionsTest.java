package dev.lamina.kernels;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import org.junit.jupiter.api.Test;

/**
 * {@link MathFunctions} against slow, independent references: {@code erf} against its everywhere
 * convergent series of positive terms summed to double precision, {@code tanh} against the JDK's
 * {@code StrictMath.tanh} (fdlibm, within one ulp), {@code sigmoid} against {@code 1 / (1 + e^-x)}
 * in double.
 */
class MathFunctionsTest {
  private static final double TOLERANCE = 1e-11;

  @Test
  void erfIsWithinItsToleranceOverTheWholeLine() {
    double worst = 0;
    for (int i = -800_000; i <= 800_000; i++) {
      double x = i * 1e-5;
      worst = Math.max(worst, check("erf", x, MathFunctions.erf(x), seriesErf(x)));
    }
    for (double x : new double[] {1e-300, 1e-20, 1e-8, 0.8999999999, 0.9, 0.9000000001, 5.9999999,
        6, 6.0000001, 27, 1e300}) {
      check("erf", x, MathFunctions.erf(x), seriesErf(x));
      check("erf", -x, MathFunctions.erf(-x), seriesErf(-x));
    }
    assertWithMessage("worst error %s", worst).that(worst).isLessThan(TOLERANCE);
  }

  @Test
  void floatTanhIsWithinFourTenMillionthsOfTanhRelatively() {
    double worst = 0;
    for (int i = -2_000_000; i <= 2_000_000; i++) {
      float x = i * 6e-6f;
      double expected = StrictMath.tanh(x);
      if (Math.abs(MathFunctions.tanh(x)) > 1) {
        throw new AssertionError("tanh(" + x + ") = " + MathFunctions.tanh(x) + " is beyond ±1");
      }
      double error = expected == 0 ? Math.abs(MathFunctions.tanh(x))
          : Math.abs(MathFunctions.tanh(x) - expected) / Math.abs(expected);
      worst = Math.max(worst, error);
    }
    for (float x : new float[] {Float.MIN_VALUE, 1e-30f, 1e-8f, 8.999f, 9f, 9.001f, 50f,
        Float.MAX_VALUE}) {
      worst = Math.max(worst, Math.abs(MathFunctions.tanh(x) - StrictMath.tanh(x))
          / StrictMath.tanh(x));
      assertThat(MathFunctions.tanh(-x)).isEqualTo(-MathFunctions.tanh(x));
    }
    assertWithMessage("worst relative error").that(worst).isLessThan(4e-7);
  }

  @Test
  void floatSigmoidIsWithinThreeTenMillionthsOfTheLogisticFunction() {
    for (int i = -1_000_000; i <= 1_000_000; i++) {
      float x = i * 3e-5f;
      double expected = 1 / (1 + Math.exp(-(double) x));
      assertWithMessage("sigmoid(%s)", x).that((double) MathFunctions.sigmoid(x))
          .isWithin(3e-7).of(expected);
    }
  }

  @Test
  void specialValuesAreThoseOfTheFunctions() {
    assertThat(MathFunctions.erf(Double.NaN)).isNaN();
    assertThat(MathFunctions.tanh(Float.NaN)).isNaN();
    assertThat(MathFunctions.erf(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
    assertThat(MathFunctions.erf(Double.NEGATIVE_INFINITY)).isEqualTo(-1.0);
    assertThat(MathFunctions.tanh(Float.POSITIVE_INFINITY)).isEqualTo(1f);
    assertThat(MathFunctions.tanh(Float.NEGATIVE_INFINITY)).isEqualTo(-1f);
    // The sign of zero is kept, as erf and tanh keep it.
    assertThat(1 / MathFunctions.erf(-0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(1 / MathFunctions.tanh(-0f)).isEqualTo(Float.NEGATIVE_INFINITY);
  }

  /** The error, absolute, or relative where the value is below 1; fails the test beyond the tolerance. */
  private static double check(String function, double x, double actual, double expected) {
    double error = Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
    if (!(error <= TOLERANCE)) {
      throw new AssertionError(function + "(" + x + ") = " + actual + ", expected " + expected);
    }
    return error;
  }

  /**
   * {@code erf x = 2/sqrt(pi) e^(-x²) Σ_n (2x²)^n x / (1·3·...·(2n+1))}: every term positive, so
   * nothing cancels; beyond 6 the value is 1 to double precision.
   */
  private static double seriesErf(double x) {
    double a = Math.abs(x);
    if (a >= 6) {
      return Math.copySign(1, x);
    }
    double twoSquared = 2 * a * a;
    double term = a;
    double total = a;
    for (int n = 1; term > 1e-17 * total; n++) {
      term *= twoSquared / (2 * n + 1);
      total += term;
    }
    return Math.copySign(Math.min(1, 2 / Math.sqrt(Math.PI) * Math.exp(-a * a) * total), x);
  }
}
