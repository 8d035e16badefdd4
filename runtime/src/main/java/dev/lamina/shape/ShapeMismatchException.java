package dev.lamina.shape;

/**
 * A tensor reached a layer with a shape other than the one its {@code @Shape} declares. The message
 * names the layer, the argument, the declared shape with what each name is bound to, and what came
 * in: {@code MyLinear.forward: x has shape [2, 4], expected [batch, inUnits=5]}.
 */
public final class ShapeMismatchException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** An exception with the complete message. */
  public ShapeMismatchException(String message) {
    super(message);
  }
}
