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

  /**
   * {@code y = ln x} element-wise (NaN below 0, {@code -inf} at 0); {@code y} has the shape of
   * {@code x}.
   */
  public static Tensor apply(Tensor x) {
    return record(Elementwise.map(x, LOG), new Log(x));
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {grad.div(x)};
  }
}
