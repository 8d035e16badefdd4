package dev.lamina.nn;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.format.ConfigText;
import dev.lamina.ops.Gelu;

/**
 * The Gaussian error linear unit {@code x · Φ(x)}, as PyTorch's {@code nn.GELU}: exact by
 * default, or with {@code approximate = "tanh"} PyTorch's tanh approximation of {@code Φ}.
 *
 * <pre>{@code
 * GELU.create("tanh").toString();  // GELU(approximate='tanh')
 * }</pre>
 */
@Layer
public abstract class GELU extends Module {
  final String approximate;

  GELU(String approximate) {
    Gelu.isTanh(approximate); // refuses anything but "none" and "tanh" when the layer is built
    this.approximate = approximate;
  }

  /** The exact GELU. */
  public static GELU create() {
    return create("none");
  }

  /** The GELU with PyTorch's {@code approximate}: {@code "none"} or {@code "tanh"}. */
  public static GELU create(String approximate) {
    return new Lamina_GELU(approximate);
  }

  @Override
  public Tensor forward(Tensor x) {
    return x.gelu(approximate);
  }

  @Override
  public String extraRepr() {
    return "approximate=" + ConfigText.of(approximate);
  }
}
