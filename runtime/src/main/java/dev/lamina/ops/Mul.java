package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.BinaryKernel;

/** {@code a * b} element-wise with broadcasting. Backward: {@code grad * b} to a, {@code grad * a} to b. */
public final class Mul extends Function {
  private static final BinaryKernel MUL = BinaryKernel.of((x, y) -> x * y);

  private final Tensor a;
  private final Tensor b;

  private Mul(Tensor a, Tensor b) {
    super(a, b);
    this.a = a.detach();
    this.b = b.detach();
  }

  /**
   * {@code y = a · b} element-wise; shapes broadcast as for {@link Add#apply}, and {@code y} has
   * the broadcast shape.
   *
   * @throws IllegalArgumentException naming both shapes when they do not broadcast
   */
  public static Tensor apply(Tensor a, Tensor b) {
    return record(Elementwise.zip("mul", a, b, MUL), new Mul(a, b));
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {
      needsGrad(0) ? grad.mul(b).sumToShape(a.shape()) : null,
      needsGrad(1) ? grad.mul(a).sumToShape(b.shape()) : null
    };
  }
}
