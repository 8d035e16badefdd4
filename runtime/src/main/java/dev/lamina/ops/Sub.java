package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.BinaryKernel;

/** {@code a - b} with broadcasting. Backward: {@code grad} to a, {@code -grad} to b, each summed back to its shape. */
public final class Sub extends Function {
  private static final BinaryKernel SUB = BinaryKernel.of((x, y) -> x - y);

  private final int[] aShape;
  private final int[] bShape;

  private Sub(Tensor a, Tensor b) {
    super(a, b);
    this.aShape = a.shape();
    this.bShape = b.shape();
  }

  /**
   * {@code y = a - b} element-wise; shapes broadcast as for {@link Add#apply}, and {@code y} has
   * the broadcast shape.
   *
   * @throws IllegalArgumentException naming both shapes when they do not broadcast
   */
  public static Tensor apply(Tensor a, Tensor b) {
    return record(Elementwise.zip("sub", a, b, SUB), new Sub(a, b));
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {
      grad.sumToShape(aShape), needsGrad(1) ? grad.neg().sumToShape(bShape) : null
    };
  }
}
