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
  @Test
  void floatErfIsWithinFiveTenMillionthsOfErfRelatively() {
    double worst = 0;
    for (int i = -2_000_000; i <= 2_000_000; i++) {
      float x = i * 4e-6f;
      worst = Math.max(worst, erfError(x));
    }
    for (float x : new float[] {Float.MIN_VALUE, 1e-40f, 1e-30f, 1e-8f, 3.999f, 4f, 4.001f, 6f, 27f,
        Float.MAX_VALUE}) {
      worst = Math.max(worst, erfError(x));
      assertThat(MathFunctions.erf(-x)).isEqualTo(-MathFunctions.erf(x));
    }
    assertWithMessage("worst relative error").that(worst).isLessThan(5e-7);
  }

  /**
   * The relative error of the float erf at {@code x} (absolute below the smallest normal float,
   * where floats are too sparse for a relative one); fails the test beyond ±1.
   */
  private static double erfError(float x) {
    float actual = MathFunctions.erf(x);
    if (Math.abs(actual) > 1) {
      throw new AssertionError("erf(" + x + ") = " + actual + " is beyond ±1");
    }
    double expected = seriesErf(x);
    return Math.abs(actual - expected) / Math.max(Math.abs(expected), Float.MIN_NORMAL);
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
    assertThat(MathFunctions.erf(Float.NaN)).isNaN();
    assertThat(MathFunctions.tanh(Float.NaN)).isNaN();
    assertThat(MathFunctions.erf(Float.POSITIVE_INFINITY)).isEqualTo(1f);
    assertThat(MathFunctions.erf(Float.NEGATIVE_INFINITY)).isEqualTo(-1f);
    assertThat(MathFunctions.tanh(Float.POSITIVE_INFINITY)).isEqualTo(1f);
    assertThat(MathFunctions.tanh(Float.NEGATIVE_INFINITY)).isEqualTo(-1f);
    // The sign of zero is kept, as erf and tanh keep it.
    assertThat(1 / MathFunctions.erf(-0f)).isEqualTo(Float.NEGATIVE_INFINITY);
    assertThat(1 / MathFunctions.tanh(-0f)).isEqualTo(Float.NEGATIVE_INFINITY);
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
