package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.BinaryKernel;
import dev.lamina.kernels.MathFunctions;
import dev.lamina.kernels.UnaryKernel;

/**
 * The error function {@code erf x = 2/sqrt(pi) ∫_0^x e^(-t^2) dt}. Backward:
 * {@code grad * 2/sqrt(pi) * e^(-x^2)}. The op behind {@link Tensor#erf}; the function is
 * {@link MathFunctions#erf}.
 */
public final class Erf extends Function {
  static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
  private static final UnaryKernel ERF = UnaryKernel.of(MathFunctions::erf);
  private static final BinaryKernel BACKWARD =
      BinaryKernel.of((g, v) -> g * (float) (TWO_OVER_SQRT_PI * Math.exp(-(double) v * v)));

  private final Tensor x;

  private Erf(Tensor x) {
    super(x);
    this.x = x.detach();
  }

  /** {@code y = erf x} element-wise; {@code y} has the shape of {@code x}. */
  public static Tensor apply(Tensor x) {
    return record(Elementwise.map(x, ERF), new Erf(x));
  }

  @Override
  public String name() {
    return "ErfBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {Elementwise.zip("erf backward", grad, x, BACKWARD)};
  }
}
