package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.BinaryKernel;
import dev.lamina.kernels.UnaryKernel;

/** {@code x^p} for a constant exponent p. Backward: {@code grad * p * x^(p-1)}, and 0 for {@code p = 0}. */
public final class Pow extends Function {
  private static final UnaryKernel SQUARE = UnaryKernel.of(v -> v * v);
  private static final BinaryKernel POW = BinaryKernel.of((v, p) -> (float) Math.pow(v, p));

  private final Tensor x;
  private final float exponent;

  private Pow(Tensor x, float exponent) {
    super(x);
    this.x = x.detach();
    this.exponent = exponent;
  }

  /**
   * {@code y = x^p} element-wise for a constant exponent {@code p}, with {@link Math#pow}'s rules
   * (NaN for a negative {@code x} and a fractional {@code p}); {@code y} has the shape of {@code
   * x}.
   */
  public static Tensor apply(Tensor x, float exponent) {
    Tensor out = exponent == 2f
        ? Elementwise.map(x, SQUARE)
        : Elementwise.zip("pow", x, Tensor.scalar(exponent), POW);
    return record(out, new Pow(x, exponent));
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    if (exponent == 0f) {
      // d/dx x^0 is 0 everywhere, also at x = 0 where p * x^(p-1) would be 0 * inf.
      return new Tensor[] {grad.zerosLike()};
    }
    Tensor slope = exponent == 2f ? x.mul(2f) : x.pow(exponent - 1f).mul(exponent);
    return new Tensor[] {grad.mul(slope)};
  }
}
