package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.UnaryKernel;

/** {@code -x}. Backward: {@code -grad}. */
public final class Neg extends Function {
  private static final UnaryKernel NEG = UnaryKernel.of(v -> -v);

  private Neg(Tensor x) {
    super(x);
  }

  /** {@code y = -x} element-wise; {@code y} has the shape of {@code x}. */
  public static Tensor apply(Tensor x) {
    return record(Elementwise.map(x, NEG), new Neg(x));
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {grad.neg()};
  }
}
