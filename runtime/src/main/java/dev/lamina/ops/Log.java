package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.UnaryKernel;

/** Natural logarithm. Backward: {@code grad / x}. */
public final class Log extends Function {
  private static final UnaryKernel LOG = UnaryKernel.of(v -> (float) Math.log(v));

  private final Tensor x;

  private Log(Tensor x) {
    super(x);
    this.x = x.detach();
  }

  public static Tensor apply(Tensor x) {
    return record(Elementwise.map(x, LOG), new Log(x));
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {grad.div(x)};
  }
}
