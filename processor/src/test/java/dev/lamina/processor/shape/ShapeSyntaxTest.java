package dev.lamina.processor.shape;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.palantir.javapoet.CodeBlock;
import org.junit.jupiter.api.Test;

class ShapeSyntaxTest {
  private static String java(String entry) {
    return ShapeSyntax.parse(entry).toJava(name -> CodeBlock.of("this.$L", name)).toString();
  }

  @Test
  void namesLiteralsAndArithmeticBecomeJava() {
    assertThat(java("units")).isEqualTo("this.units");
    assertThat(java("3")).isEqualTo("3");
    assertThat(java("n / 2")).isEqualTo("this.n / 2");
    assertThat(java("in*in+1")).isEqualTo("this.in * this.in + 1");
    assertThat(java("(a+b)*2")).isEqualTo("(this.a + this.b) * 2");
  }

  @Test
  void onlyASingleNameBinds() {
    assertThat(ShapeSyntax.parse("batch").plainName()).isEqualTo("batch");
    assertThat(ShapeSyntax.parse("n/2").plainName()).isNull();
    assertThat(ShapeSyntax.parse("(n)").plainName()).isNull();
  }

  @Test
  void namesAndLiteralsAreCollected() {
    Dimension dimension = ShapeSyntax.parse("a*b - 0 + a");
    assertThat(dimension.names()).containsExactly("a", "b").inOrder();
    assertThat(dimension.literals()).containsExactly(0);
    assertThat(ShapeSyntax.parse("-3").literals()).containsExactly(-3);
  }

  @Test
  void malformedEntriesSayWhatIsWrong() {
    assertThat(assertThrows(ShapeSyntaxException.class, () -> ShapeSyntax.parse(" ")))
        .hasMessageThat().isEqualTo("it is empty");
    assertThat(assertThrows(ShapeSyntaxException.class, () -> ShapeSyntax.parse("n+")))
        .hasMessageThat().isEqualTo("it ends too early");
    assertThat(assertThrows(ShapeSyntaxException.class, () -> ShapeSyntax.parse("a b")))
        .hasMessageThat().isEqualTo("'b' at position 3 was not expected");
    assertThat(assertThrows(ShapeSyntaxException.class, () -> ShapeSyntax.parse("(n")))
        .hasMessageThat().isEqualTo("a '(' is not closed");
    assertThat(assertThrows(ShapeSyntaxException.class, () -> ShapeSyntax.parse("99999999999")))
        .hasMessageThat().isEqualTo("99999999999 is too large for an int");
  }
}
