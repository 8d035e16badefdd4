package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.BinaryKernel;

/** {@code a + b} with broadcasting. Backward: the gradient, summed back to each operand's shape. */
public final class Add extends Function {
  private static final BinaryKernel ADD = BinaryKernel.of((x, y) -> x + y);

  private final int[] aShape;
  private final int[] bShape;

  private Add(Tensor a, Tensor b) {
    super(a, b);
    this.aShape = a.shape();
    this.bShape = b.shape();
  }

  public static Tensor apply(Tensor a, Tensor b) {
    return record(Elementwise.zip("add", a, b, ADD), new Add(a, b));
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {grad.sumToShape(aShape), grad.sumToShape(bShape)};
  }
}
