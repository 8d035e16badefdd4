package dev.lamina.kernels;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * {@link FloatExp} against {@code Math.exp} (within 1 ulp): every 61st float of the whole line,
 * every float near the ends of the polynomial's range, and the special values; and its array form
 * against the one-at-a-time one.
 */
class FloatExpTest {
  @Test
  void isWithinOneUlpOfTheExactValue() {
    double worst = 0;
    for (long bits = Integer.MIN_VALUE; bits <= Integer.MAX_VALUE; bits += 61) {
      worst = Math.max(worst, ulpsOff(Float.intBitsToFloat((int) bits)));
    }
    for (float end : new float[] {FloatExp.NORMAL_FROM, FloatExp.FINITE_UNTIL, 0f}) {
      float x = end;
      float below = end;
      for (int i = 0; i < 100_000; i++) {
        worst = Math.max(worst, ulpsOff(x));
        worst = Math.max(worst, ulpsOff(below));
        x = Math.nextUp(x);
        below = Math.nextDown(below);
      }
    }
    assertWithMessage("worst error in ulps").that(worst).isAtMost(1.0);
  }

  @Test
  void keepsTheSpecialValues() {
    assertThat(FloatExp.exp(0f)).isEqualTo(1f);
    assertThat(FloatExp.exp(-0f)).isEqualTo(1f);
    assertThat(FloatExp.exp(Float.NaN)).isNaN();
    assertThat(FloatExp.exp(Float.NEGATIVE_INFINITY)).isEqualTo(0f);
    assertThat(FloatExp.exp(Float.POSITIVE_INFINITY)).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(FloatExp.exp(-1e30f)).isEqualTo(0f);
    assertThat(FloatExp.exp(89f)).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(FloatExp.exp(-103f)).isEqualTo((float) Math.exp(-103));
  }

  @Test
  void theArrayFormsGiveTheSameBitsAsOneAtATime() {
    float[] x = new float[20_011];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i - 15_000) * 0.0071f;
    }
    x[3] = Float.NaN;
    x[4] = Float.NEGATIVE_INFINITY;
    x[5] = Float.POSITIVE_INFINITY;
    x[6] = -100f;
    x[7] = 100f;
    float[] out = new float[x.length + 1];
    FloatExp.exp(x, out, 1, x.length);
    assertThat(out[0]).isEqualTo(0f);
    for (int i = 1; i < x.length; i++) {
      assertWithMessage("e^%s", x[i]).that(Float.floatToIntBits(out[i]))
          .isEqualTo(Float.floatToIntBits(FloatExp.exp(x[i])));
    }
    float[] reduced = x.clone();
    FloatExp.reduceInPlace(reduced, 0, x.length);
    for (int i = 0; i < x.length; i++) {
      assertWithMessage("e^%s in halves", x[i])
          .that(Float.floatToIntBits(FloatExp.fromReduced(reduced[i], x[i])))
          .isEqualTo(Float.floatToIntBits(FloatExp.exp(x[i])));
    }
    assertThrows(IllegalArgumentException.class, () -> FloatExp.exp(x, x, 0, 1));
  }

  /** How far {@code e^x} is from the exact value, in ulps of the rounded value. */
  private static double ulpsOff(float x) {
    if (Float.isNaN(x)) {
      assertThat(FloatExp.exp(x)).isNaN();
      return 0;
    }
    double exact = Math.exp(x);
    float rounded = (float) exact;
    float actual = FloatExp.exp(x);
    if (Float.isInfinite(rounded)) {
      assertWithMessage("e^%s", x).that(actual).isEqualTo(rounded);
      return 0;
    }
    return Math.abs(actual - exact) / Math.ulp(rounded);
  }
}
