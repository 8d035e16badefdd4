package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.UnaryKernel;

/** Square root. Backward: {@code grad / (2 sqrt(x))}, reusing the output. */
public final class Sqrt extends Function {
  private static final UnaryKernel SQRT = UnaryKernel.of(v -> (float) Math.sqrt(v));

  private final Tensor out;

  private Sqrt(Tensor x, Tensor out) {
    super(x);
    this.out = out.detach();
  }

  /** {@code y = √x} element-wise (NaN below 0); {@code y} has the shape of {@code x}. */
  public static Tensor apply(Tensor x) {
    Tensor out = Elementwise.map(x, SQRT);
    return record(out, new Sqrt(x, out));
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {grad.div(out.mul(2f))};
  }
}
