package dev.lamina.shapes;

/**
 * A shape entry whose value does not fit an {@code int}, that divides by zero, or, as the size of a
 * parameter, that divides with a remainder or is not positive. The message
 * names the entry and the values of its names, and, where the caller knows them, the layer and the
 * parameter or argument: {@code Cube: parameter weight: n*n*n with n=1626 is 4298942376, more than
 * an int holds}. A size is never silently wrapped.
 */
public final class ShapeArithmeticException extends ArithmeticException {
  private static final long serialVersionUID = 1L;

  ShapeArithmeticException(String message) {
    super(message);
  }

  /** The same failure with {@code where} in front of its message, for the caller that knows it. */
  ShapeArithmeticException in(String where) {
    ShapeArithmeticException placed = new ShapeArithmeticException(where + ": " + getMessage());
    placed.initCause(this);
    return placed;
  }
}
