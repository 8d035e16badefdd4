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

  /**
   * {@code y = a + b} element-wise. {@code a} and {@code b} broadcast with PyTorch's rules
   * (trailing dimensions aligned, each pair equal or one of them 1), and {@code y} has the
   * broadcast shape: {@code [3, 1] + [4]} gives {@code [3, 4]}.
   *
   * @throws IllegalArgumentException naming both shapes when they do not broadcast
   */
  public static Tensor apply(Tensor a, Tensor b) {
    return record(Elementwise.zip("add", a, b, ADD), new Add(a, b));
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {grad.sumToShape(aShape), grad.sumToShape(bShape)};
  }
}
