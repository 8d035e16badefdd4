package dev.lamina.shape;

import java.util.function.Function;

/**
 * One dimension of a {@link SymbolicShape}: a literal, a name, or {@code + - * /} on those, with the
 * usual precedence and parentheses. Division is integer division, as in Java.
 */
abstract class DimensionExpression {
  private final String text;

  private DimensionExpression(String text) {
    this.text = text;
  }

  /** The entry as written, without surrounding spaces. */
  final String text() {
    return text;
  }

  /** A single name, such as {@code "batch"}: the only kind of entry that binds. */
  String plainName() {
    return null;
  }

  boolean isLiteral() {
    return false;
  }

  /** The value, or null while a name it uses is unbound. */
  abstract Integer evaluate(Function<String, Integer> names);

  static DimensionExpression parse(String entry) {
    Parser parser = new Parser(entry);
    DimensionExpression expression = parser.sum();
    parser.skipSpaces();
    if (parser.position != entry.length()) {
      throw parser.error("unexpected '" + entry.charAt(parser.position) + "'");
    }
    return expression;
  }

  private static final class Literal extends DimensionExpression {
    private final int value;

    Literal(String text, int value) {
      super(text);
      this.value = value;
    }

    @Override
    boolean isLiteral() {
      return true;
    }

    @Override
    Integer evaluate(Function<String, Integer> names) {
      return value;
    }
  }

  private static final class Name extends DimensionExpression {
    Name(String name) {
      super(name);
    }

    @Override
    String plainName() {
      return text();
    }

    @Override
    Integer evaluate(Function<String, Integer> names) {
      return names.apply(text());
    }
  }

  private static final class Arithmetic extends DimensionExpression {
    private final char operator;
    private final DimensionExpression left;
    private final DimensionExpression right;

    Arithmetic(String text, char operator, DimensionExpression left, DimensionExpression right) {
      super(text);
      this.operator = operator;
      this.left = left;
      this.right = right;
    }

    @Override
    Integer evaluate(Function<String, Integer> names) {
      Integer a = left.evaluate(names);
      Integer b = right.evaluate(names);
      if (a == null || b == null) {
        return null;
      }
      switch (operator) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        default:
          return b == 0 ? null : a / b;
      }
    }
  }

  /** Recursive descent over {@code sum := product (('+'|'-') product)*}, and so on down. */
  private static final class Parser {
    private final String input;
    private int position;

    Parser(String input) {
      this.input = input;
    }

    DimensionExpression sum() {
      int start = skipSpaces();
      DimensionExpression left = product();
      while (peek() == '+' || peek() == '-') {
        char operator = input.charAt(position++);
        DimensionExpression right = product();
        left = new Arithmetic(input.substring(start, position).trim(), operator, left, right);
      }
      return left;
    }

    private DimensionExpression product() {
      int start = skipSpaces();
      DimensionExpression left = factor();
      while (peek() == '*' || peek() == '/') {
        char operator = input.charAt(position++);
        DimensionExpression right = factor();
        left = new Arithmetic(input.substring(start, position).trim(), operator, left, right);
      }
      return left;
    }

    private DimensionExpression factor() {
      char c = peek();
      int start = position;
      if (c == '(') {
        position++;
        DimensionExpression inner = sum();
        if (peek() != ')') {
          throw error("missing ')'");
        }
        position++;
        return inner;
      }
      if (Character.isDigit(c)) {
        while (position < input.length() && Character.isDigit(input.charAt(position))) {
          position++;
        }
        String digits = input.substring(start, position);
        return new Literal(digits, Integer.parseInt(digits));
      }
      if (Character.isJavaIdentifierStart(c)) {
        while (position < input.length() && Character.isJavaIdentifierPart(input.charAt(position))) {
          position++;
        }
        return new Name(input.substring(start, position));
      }
      throw error(position < input.length() ? "unexpected '" + c + "'" : "unexpected end");
    }

    private char peek() {
      skipSpaces();
      return position < input.length() ? input.charAt(position) : '\0';
    }

    int skipSpaces() {
      while (position < input.length() && input.charAt(position) == ' ') {
        position++;
      }
      return position;
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException(
          "shape entry \"" + input + "\": " + what + " at position " + position);
    }
  }
}
