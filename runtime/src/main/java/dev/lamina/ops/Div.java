package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.BinaryKernel;

/**
 * {@code a / b} element-wise with broadcasting. Backward: {@code grad / b} to a and
 * {@code -grad * a / b^2} to b.
 */
public final class Div extends Function {
  private static final BinaryKernel DIV = BinaryKernel.of((x, y) -> x / y);

  private final Tensor a;
  private final Tensor b;

  private Div(Tensor a, Tensor b) {
    super(a, b);
    this.a = a.detach();
    this.b = b.detach();
  }

  /**
   * {@code y = a / b} element-wise (IEEE: {@code 1 / 0 = inf}); shapes broadcast as for {@link
   * Add#apply}, and {@code y} has the broadcast shape.
   *
   * @throws IllegalArgumentException naming both shapes when they do not broadcast
   */
  public static Tensor apply(Tensor a, Tensor b) {
    return record(Elementwise.zip("div", a, b, DIV), new Div(a, b));
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {
      needsGrad(0) ? grad.div(b).sumToShape(a.shape()) : null,
      needsGrad(1) ? grad.mul(a).div(b.mul(b)).neg().sumToShape(b.shape()) : null
    };
  }
}
