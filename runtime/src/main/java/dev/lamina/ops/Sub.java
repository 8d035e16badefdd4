package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.BinaryKernel;

/** {@code a - b} with broadcasting. Backward: {@code grad} to a, {@code -grad} to b, each summed back to its shape. */
public final class Sub extends Function {
  private static final BinaryKernel KERNEL = new BinaryKernel() {
    @Override
    protected float apply(float a, float b) {
      return a - b;
    }
  };

  private final int[] aShape;
  private final int[] bShape;

  private Sub(Tensor a, Tensor b) {
    super(a, b);
    this.aShape = a.shape();
    this.bShape = b.shape();
  }

  public static Tensor apply(Tensor a, Tensor b) {
    return record(Elementwise.binary("sub", a, b, KERNEL), new Sub(a, b));
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {
      grad.sumToShape(aShape), needsGrad(1) ? grad.neg().sumToShape(bShape) : null
    };
  }
}
