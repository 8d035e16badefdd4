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

  static Integer evaluate(Dimension dimension, Function<String, Integer> sizes) {
    if (dimension instanceof Dimension.Literal literal) {
      return literal.value();
    }
    if (dimension instanceof Dimension.Name name) {
      return sizes.apply(name.name());
    }
    if (dimension instanceof Dimension.Parenthesized parenthesized) {
      return evaluate(parenthesized.inner(), sizes);
    }
    // Every intermediate result is checked, so that "a*b/c" fails when a*b does not fit, even if
    // the quotient would.
    Dimension.Arithmetic arithmetic = (Dimension.Arithmetic) dimension;
    Integer left = evaluate(arithmetic.left(), sizes);
    Integer right = evaluate(arithmetic.right(), sizes);
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
