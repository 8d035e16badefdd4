package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.BinaryKernel;
import dev.lamina.kernels.UnaryKernel;

/**
 * The error function {@code erf x = 2/sqrt(pi) ∫_0^x e^(-t^2) dt}. Backward:
 * {@code grad * 2/sqrt(pi) * e^(-x^2)}. The op behind {@link Tensor#erf}.
 */
public final class Erf extends Function {
  static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
  private static final UnaryKernel ERF = UnaryKernel.of(v -> (float) erf(v));
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

  /**
   * {@code erf x} in double precision, from the series
   * {@code erf x = 2/sqrt(pi) e^(-x^2) Σ_n (2x^2)^n x / (1·3·...·(2n+1))}: its terms are all of
   * one sign, so nothing cancels, and it converges for every {@code x}; beyond {@code |x| = 6},
   * {@code 1 - |erf x|} is below {@code 2e-17} and the result is {@code ±1}. NaN stays NaN.
   */
  static double erf(double x) {
    double a = Math.abs(x);
    if (a >= 6) {
      return Math.copySign(1, x);
    }
    double twoSquared = 2 * a * a;
    double term = a;
    double total = a;
    for (int n = 1; term > 1e-17 * total; n++) {
      term *= twoSquared / (2 * n + 1);
      total += term;
    }
    return Math.copySign(Math.min(1, TWO_OVER_SQRT_PI * Math.exp(-a * a) * total), x);
  }
}
