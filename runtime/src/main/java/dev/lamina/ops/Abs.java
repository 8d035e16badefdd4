package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.UnaryKernel;

/**
 * {@code |x|}. Backward: {@code grad * sign(x)}, with {@code sign(0) = sign(NaN) = 0} as PyTorch.
 */
public final class Abs extends Function {
  private static final UnaryKernel ABS = UnaryKernel.of(v -> Math.abs(v));

  private final Tensor x;

  private Abs(Tensor x) {
    super(x);
    this.x = x.detach();
  }

  /** {@code y = |x|} element-wise; {@code y} has the shape of {@code x}. */
  public static Tensor apply(Tensor x) {
    return record(Elementwise.map(x, ABS), new Abs(x));
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {grad.mul(Sign.of(x))};
  }
}
