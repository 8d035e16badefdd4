package dev.lamina.format;

import static com.google.common.truth.Truth.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Hyperparameter values spelt as PyTorch prints them; the expected texts are Python 3's repr. */
class ConfigTextTest {
  @Test
  void doublesAreTheirShortestDecimalLaidOutAsPythonDoes() {
    assertThat(ConfigText.of(1e-05)).isEqualTo("1e-05");
    assertThat(ConfigText.of(0.1)).isEqualTo("0.1");
    assertThat(ConfigText.of(100.0)).isEqualTo("100.0");
    assertThat(ConfigText.of(1e16)).isEqualTo("1e+16");
    assertThat(ConfigText.of(1e15)).isEqualTo("1000000000000000.0");
    assertThat(ConfigText.of(0.0001)).isEqualTo("0.0001");
    assertThat(ConfigText.of(1.5e-07)).isEqualTo("1.5e-07");
    assertThat(ConfigText.of(-2.5)).isEqualTo("-2.5");
    assertThat(ConfigText.of(123456789012345678.0)).isEqualTo("1.2345678901234568e+17");
    assertThat(ConfigText.of(3.0)).isEqualTo("3.0");
    assertThat(ConfigText.of(-0.0)).isEqualTo("-0.0");
    assertThat(ConfigText.of(1e22)).isEqualTo("1e+22");
    assertThat(ConfigText.of(12345.678)).isEqualTo("12345.678");
    assertThat(ConfigText.of(Double.NaN)).isEqualTo("nan");
    assertThat(ConfigText.of(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
  }

  @Test
  void aFloatIsTheDecimalItWasWrittenAsNotItsWidenedDouble() {
    // (double) 1e-5f is 9.999999747378752e-06; PyTorch's eps=1e-05 is what the user wrote.
    assertThat(ConfigText.of(1e-5f)).isEqualTo("1e-05");
    assertThat(ConfigText.of(0.1f)).isEqualTo("0.1");
  }

  @Test
  void booleansNoneAndWholeNumbers() {
    assertThat(ConfigText.of(true)).isEqualTo("True");
    assertThat(ConfigText.of(false)).isEqualTo("False");
    assertThat(ConfigText.of(null)).isEqualTo("None");
    assertThat(ConfigText.of(12_345_678_901L)).isEqualTo("12345678901");
    assertThat(ConfigText.of(-3)).isEqualTo("-3");
  }

  @Test
  void intArraysAreTuples() {
    assertThat(ConfigText.of(new int[] {3, 5})).isEqualTo("(3, 5)");
    assertThat(ConfigText.of(new int[] {3})).isEqualTo("(3,)");
    assertThat(ConfigText.of(new int[] {})).isEqualTo("()");
  }

  @Test
  void enumConstantsByName() {
    assertThat(ConfigText.of(TimeUnit.SECONDS)).isEqualTo("SECONDS");
  }

  @Test
  void stringsAreQuotedAndEscapedAsPythonsRepr() {
    assertThat(ConfigText.of("zeros")).isEqualTo("'zeros'");
    assertThat(ConfigText.of("it's")).isEqualTo("\"it's\"");
    assertThat(ConfigText.of("a\"b")).isEqualTo("'a\"b'");
    assertThat(ConfigText.of("both'\"")).isEqualTo("'both\\'\"'");
    assertThat(ConfigText.of("x\ny\t")).isEqualTo("'x\\ny\\t'");
    assertThat(ConfigText.of("a\\b")).isEqualTo("'a\\\\b'");
    assertThat(ConfigText.of("\u001b[2J")).isEqualTo("'\\x1b[2J'");
    assertThat(ConfigText.of("\u200f")).isEqualTo("'\\u200f'");
    assertThat(ConfigText.of("\u2028")).isEqualTo("'\\u2028'");
    assertThat(ConfigText.of("caf\u00e9")).isEqualTo("'caf\u00e9'");
  }
}
