package dev.lamina.shapes;

/**
 * A shape entry that does not parse. The message says what is wrong, written to follow "but":
 * {@code it ends too early}, {@code 'b' at position 3 was not expected}.
 */
public final class ShapeSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  ShapeSyntaxException(String reason) {
    super(reason);
  }

  /** The same failure with the entry in front, for a shape built at run time. */
  ShapeSyntaxException in(String entry) {
    ShapeSyntaxException placed =
        new ShapeSyntaxException("shape entry \"" + entry + "\" does not parse: " + getMessage());
    placed.initCause(this);
    return placed;
  }
}
