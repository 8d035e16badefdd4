package dev.lamina.shapes;

import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;

/** The walks over a {@link Dimension} tree: collecting names and literals, and checked evaluation. */
final class Evaluation {
  private Evaluation() {}

  static void collect(Dimension dimension, Set<String> names, Set<Integer> literals) {
    if (dimension instanceof Dimension.Literal literal) {
      if (literals != null) {
        literals.add(literal.value());
      }
    } else if (dimension instanceof Dimension.Name name) {
      if (names != null) {
        names.add(name.name());
      }
    } else if (dimension instanceof Dimension.Parenthesized parenthesized) {
      collect(parenthesized.inner(), names, literals);
    } else {
      Dimension.Arithmetic arithmetic = (Dimension.Arithmetic) dimension;
      collect(arithmetic.left(), names, literals);
      collect(arithmetic.right(), names, literals);
    }
  }

  /**
   * The value of {@code dimension}, or null while a name is unbound. With {@code exact}, a division
   * must leave no remainder, as the size of a parameter must ({@code "dim/heads"}); else it rounds
   * down, as a checked input or output shape may ({@code "n/2"} of an odd length).
   */
  static Integer evaluate(Dimension dimension, Function<String, Integer> sizes, boolean exact) {
    if (dimension instanceof Dimension.Literal literal) {
      return literal.value();
    }
    if (dimension instanceof Dimension.Name name) {
      return sizes.apply(name.name());
    }
    if (dimension instanceof Dimension.Parenthesized parenthesized) {
      return evaluate(parenthesized.inner(), sizes, exact);
    }
    // Every intermediate result is checked, so that "a*b/c" fails when a*b does not fit, even if
    // the quotient would.
    Dimension.Arithmetic arithmetic = (Dimension.Arithmetic) dimension;
    Integer left = evaluate(arithmetic.left(), sizes, exact);
    Integer right = evaluate(arithmetic.right(), sizes, exact);
    if (left == null || right == null) {
      return null;
    }
    int a = left;
    int b = right;
    try {
      return switch (arithmetic.operator()) {
        case '+' -> Math.addExact(a, b);
        case '-' -> Math.subtractExact(a, b);
        case '*' -> Math.multiplyExact(a, b);
        default -> {
          if (b == 0) {
            throw new ShapeArithmeticException(describe(dimension, sizes) + " divides by zero");
          }
          if (a == Integer.MIN_VALUE && b == -1) {
            throw new ArithmeticException("integer overflow");
          }
          if (exact && a % b != 0) {
            throw new ShapeArithmeticException(operand(arithmetic.left(), a)
                + " is not divisible by " + operand(arithmetic.right(), b));
          }
          yield Math.floorDiv(a, b);
        }
      };
    } catch (ShapeArithmeticException divisionByZero) {
      throw divisionByZero;
    } catch (ArithmeticException overflow) {
      throw new ShapeArithmeticException(describe(dimension, sizes) + " is "
          + exactValue(arithmetic.operator(), a, b) + ", more than an int holds");
    }
  }

  private static long exactValue(char operator, int a, int b) {
    return switch (operator) {
      case '+' -> (long) a + b;
      case '-' -> (long) a - b;
      case '*' -> (long) a * b;
      default -> Math.floorDiv((long) a, b);
    };
  }

  /** {@code dim=8}, {@code 3}, {@code a+b=9}: one side of an operator with its value. */
  private static String operand(Dimension side, int value) {
    return side instanceof Dimension.Literal ? Integer.toString(value) : side + "=" + value;
  }

  /**
   * {@code inUnits=0}, or {@code dim/heads with dim=0, heads=3 is 0}: an entry and its value, for
   * a message about that value.
   */
  static String describeValue(Dimension dimension, Function<String, Integer> sizes, int value) {
    if (dimension instanceof Dimension.Literal) {
      return Integer.toString(value);
    }
    if (dimension.plainName() != null) {
      return dimension + "=" + value;
    }
    return describe(dimension, sizes) + " is " + value;
  }

  /** {@code n*n*n with n=1626}: the failing expression and the values of its names. */
  private static String describe(Dimension dimension, Function<String, Integer> sizes) {
    Set<String> names = dimension.names();
    if (names.isEmpty()) {
      return dimension.toString();
    }
    StringJoiner values = new StringJoiner(", ", dimension + " with ", "");
    for (String name : names) {
      values.add(name + "=" + sizes.apply(name));
    }
    return values.toString();
  }
}
