package dev.lamina.shapes;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ShapeSyntaxTest {
  @Test
  void namesLiteralsAndArithmeticParseIntoATree() {
    assertThat(ShapeSyntax.parse("units")).isEqualTo(new Dimension.Name("units"));
    assertThat(ShapeSyntax.parse(" 3 ")).isEqualTo(new Dimension.Literal(3));
    assertThat(ShapeSyntax.parse("n / 2")).isEqualTo(new Dimension.Arithmetic('/',
        new Dimension.Name("n"), new Dimension.Literal(2)));
  }

  @Test
  void multiplicationBindsTighterThanAdditionAndOperatorsAssociateLeft() {
    Dimension sum = ShapeSyntax.parse("a+b*c-d");
    assertThat(sum).isEqualTo(new Dimension.Arithmetic('-',
        new Dimension.Arithmetic('+', new Dimension.Name("a"),
            new Dimension.Arithmetic('*', new Dimension.Name("b"), new Dimension.Name("c"))),
        new Dimension.Name("d")));
    assertThat(ShapeSyntax.parse("12/2/3").evaluate(name -> null)).isEqualTo(2);
    assertThat(ShapeSyntax.parse("(a+b)*2").evaluate(name -> 3)).isEqualTo(12);
  }

  @Test
  void printsBackWithoutSpaces() {
    assertThat(ShapeSyntax.parse("in * in + 1").toString()).isEqualTo("in*in+1");
    assertThat(ShapeSyntax.parse("( a + b ) * 2").toString()).isEqualTo("(a+b)*2");
  }

  @Test
  void onlyASingleNameBinds() {
    assertThat(ShapeSyntax.parse("batch").plainName()).isEqualTo("batch");
    assertThat(ShapeSyntax.parse("n/2").plainName()).isNull();
    assertThat(ShapeSyntax.parse("(n)").plainName()).isNull();
    assertThat(ShapeSyntax.parse("4").plainName()).isNull();
  }

  @Test
  void namesAndLiteralsAreCollected() {
    Dimension dimension = ShapeSyntax.parse("a*b - 0 + a");
    assertThat(dimension.names()).containsExactly("a", "b").inOrder();
    assertThat(dimension.literals()).containsExactly(0);
    assertThat(ShapeSyntax.parse("-3").literals()).containsExactly(-3);
    assertThat(ShapeSyntax.parse("(x+(y))").names()).containsExactly("x", "y").inOrder();
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
    assertThat(assertThrows(ShapeSyntaxException.class, () -> ShapeSyntax.parse("n%2")))
        .hasMessageThat().isEqualTo("'%' at position 2 was not expected");
  }

  @Test
  void aDeclaredShapeNamesTheEntryThatDoesNotParse() {
    assertThat(assertThrows(ShapeSyntaxException.class,
            () -> DeclaredShape.of("batch", "in*")))
        .hasMessageThat().isEqualTo("shape entry \"in*\" does not parse: it ends too early");
  }

  @Test
  void aDeclaredShapeSetsALeadingEllipsisApart() {
    DeclaredShape shape = DeclaredShape.of("...", " n ", "n/2");
    assertThat(shape.hasLeadingEllipsis()).isTrue();
    assertThat(shape.dimensions()).hasSize(2);
    assertThat(shape.text(0)).isEqualTo("n");
    assertThat(shape.acceptsRank(2)).isTrue();
    assertThat(shape.acceptsRank(5)).isTrue();
    assertThat(shape.acceptsRank(1)).isFalse();
    assertThat(DeclaredShape.of("n").acceptsRank(2)).isFalse();
  }
}
