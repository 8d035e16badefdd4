package dev.lamina.shapes;

/**
 * Parses shape entries: {@code sum := product (('+'|'-') product)*},
 * {@code product := factor (('*'|'/') factor)*}, {@code factor := integer | name | '(' sum ')'}.
 * A leading minus on a literal is read so that {@code "-3"} is reported as non-positive rather than
 * as a syntax error. Spaces between tokens are ignored.
 *
 * <pre>{@code
 * Dimension half = ShapeSyntax.parse("n / 2");
 * half.names();                        // [n]
 * half.evaluate(name -> 8);            // 4
 * }</pre>
 */
public final class ShapeSyntax {
  /** The entry that matches any number of leading dimensions. */
  public static final String ELLIPSIS = "...";

  private final String input;
  private int position;

  private ShapeSyntax(String input) {
    this.input = input;
  }

  /** The parsed entry; throws {@link ShapeSyntaxException} saying what is wrong and where. */
  public static Dimension parse(String entry) {
    if (entry.trim().isEmpty()) {
      throw new ShapeSyntaxException("it is empty");
    }
    ShapeSyntax parser = new ShapeSyntax(entry);
    Dimension dimension = parser.sum();
    if (parser.peek() != '\0') {
      throw parser.unexpected();
    }
    return dimension;
  }

  private Dimension sum() {
    Dimension left = product();
    while (peek() == '+' || peek() == '-') {
      char operator = input.charAt(position++);
      left = new Dimension.Arithmetic(operator, left, product());
    }
    return left;
  }

  private Dimension product() {
    Dimension left = factor();
    while (peek() == '*' || peek() == '/') {
      char operator = input.charAt(position++);
      left = new Dimension.Arithmetic(operator, left, factor());
    }
    return left;
  }

  private Dimension factor() {
    char c = peek();
    int start = position;
    if (c == '(') {
      position++;
      Dimension inner = sum();
      if (peek() != ')') {
        throw new ShapeSyntaxException("a '(' is not closed");
      }
      position++;
      return new Dimension.Parenthesized(inner);
    }
    boolean negative = c == '-' && position + 1 < input.length()
        && Character.isDigit(input.charAt(position + 1));
    if (Character.isDigit(c) || negative) {
      position++;
      while (position < input.length() && Character.isDigit(input.charAt(position))) {
        position++;
      }
      String digits = input.substring(start, position);
      try {
        return new Dimension.Literal(Integer.parseInt(digits));
      } catch (NumberFormatException tooLarge) {
        throw new ShapeSyntaxException(digits + " is too large for an int");
      }
    }
    if (Character.isJavaIdentifierStart(c)) {
      while (position < input.length() && Character.isJavaIdentifierPart(input.charAt(position))) {
        position++;
      }
      return new Dimension.Name(input.substring(start, position));
    }
    throw unexpected();
  }

  private char peek() {
    while (position < input.length() && input.charAt(position) == ' ') {
      position++;
    }
    return position < input.length() ? input.charAt(position) : '\0';
  }

  private ShapeSyntaxException unexpected() {
    if (position >= input.length()) {
      return new ShapeSyntaxException("it ends too early");
    }
    return new ShapeSyntaxException(
        "'" + input.charAt(position) + "' at position " + (position + 1) + " was not expected");
  }
}
