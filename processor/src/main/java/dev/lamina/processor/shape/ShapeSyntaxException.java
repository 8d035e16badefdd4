package dev.lamina.processor.shape;

/** A shape entry that does not parse; the message says what is wrong, to follow "because". */
public final class ShapeSyntaxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ShapeSyntaxException(String reason) {
    super(reason);
  }
}
