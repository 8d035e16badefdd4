package dev.lamina.shape;

import dev.lamina.LayerForwardException;

/**
 * A tensor reached a layer with a shape other than the one its {@code @Shape} declares. The message
 * names the layer, the argument, the declared shape with what each name is bound to, and what came
 * in: {@code MyLinear.forward: x has shape [2, 4], expected [batch, inUnits=5]}; inside a model, the
 * layer's path comes first, as for every {@link LayerForwardException}: {@code 0 (MyLinear).forward:
 * x has shape ...}.
 */
public final class ShapeMismatchException extends LayerForwardException {
  private static final long serialVersionUID = 1L;

  /**
   * The check of the call named {@code where} ({@code MyLinear.forward}) found {@code detail}
   * ({@code x has shape [2, 4], expected [batch, inUnits=5]}).
   */
  public ShapeMismatchException(String where, String detail) {
    super(where, detail);
  }
}
