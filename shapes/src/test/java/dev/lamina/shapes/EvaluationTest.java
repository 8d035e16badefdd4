package dev.lamina.shapes;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Overflow-checked evaluation: a size is exact or an error, never a wrapped int. */
class EvaluationTest {
  private static Integer evaluate(String entry, Map<String, Integer> sizes) {
    return ShapeSyntax.parse(entry).evaluate(sizes::get);
  }

  @Test
  void evaluatesWithTheBoundSizes() {
    assertThat(evaluate("in*in", Map.of("in", 3))).isEqualTo(9);
    assertThat(evaluate("n/2+1", Map.of("n", 8))).isEqualTo(5);
    assertThat(evaluate("a-b", Map.of("a", 2, "b", 5))).isEqualTo(-3);
  }

  @Test
  void anUnboundNameLeavesTheValueUnknown() {
    assertThat(evaluate("batch", Map.of())).isNull();
    assertThat(evaluate("in*out", Map.of("in", 3))).isNull();
  }

  @Test
  void divisionRoundsDown() {
    assertThat(evaluate("n/2", Map.of("n", 5))).isEqualTo(2);
    assertThat(evaluate("(a-b)/2", Map.of("a", 2, "b", 5))).isEqualTo(-2);
  }

  @Test
  void aProductThatDoesNotFitAnIntIsAnErrorNotAWrappedSize() {
    // 1626^3 = 4298942376, which plain int arithmetic would wrap to 3975080.
    assertThat(1626L * 1626 * 1626).isEqualTo(4298942376L);
    ShapeArithmeticException error = assertThrows(ShapeArithmeticException.class,
        () -> evaluate("n*n*n", Map.of("n", 1626)));
    assertThat(error).hasMessageThat()
        .isEqualTo("n*n*n with n=1626 is 4298942376, more than an int holds");
  }

  @Test
  void anIntermediateOverflowIsCaughtEvenWhenTheResultWouldFit() {
    ShapeArithmeticException error = assertThrows(ShapeArithmeticException.class,
        () -> evaluate("a*b/c", Map.of("a", 65536, "b", 65536, "c", 65536)));
    assertThat(error).hasMessageThat()
        .isEqualTo("a*b with a=65536, b=65536 is 4294967296, more than an int holds");
  }

  @Test
  void sumsAndDifferencesAreCheckedToo() {
    assertThrows(ShapeArithmeticException.class,
        () -> evaluate("n+1", Map.of("n", Integer.MAX_VALUE)));
    assertThrows(ShapeArithmeticException.class,
        () -> evaluate("0-n-2", Map.of("n", Integer.MAX_VALUE)));
    assertThrows(ShapeArithmeticException.class,
        () -> evaluate("n/(0-1)", Map.of("n", Integer.MIN_VALUE)));
  }

  @Test
  void divisionByZeroIsAnError() {
    ShapeArithmeticException error = assertThrows(ShapeArithmeticException.class,
        () -> evaluate("n/(m-2)", Map.of("n", 4, "m", 2)));
    assertThat(error).hasMessageThat().isEqualTo("n/(m-2) with n=4, m=2 divides by zero");
  }
}
