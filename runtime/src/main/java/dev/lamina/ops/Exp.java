package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.UnaryKernel;

/** {@code e^x}. Backward: {@code grad * e^x}, reusing the output. */
public final class Exp extends Function {
  private static final UnaryKernel EXP = UnaryKernel.of(v -> (float) Math.exp(v));

  private final Tensor out;

  private Exp(Tensor x, Tensor out) {
    super(x);
    this.out = out.detach();
  }

  /** {@code y = e^x} element-wise; {@code y} has the shape of {@code x}. */
  public static Tensor apply(Tensor x) {
    Tensor out = Elementwise.map(x, EXP);
    return record(out, new Exp(x, out));
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {grad.mul(out)};
  }
}
