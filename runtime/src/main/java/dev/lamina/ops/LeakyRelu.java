package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.BinaryKernel;

/**
 * {@code x > 0 ? x : negativeSlope · x}, as PyTorch's {@code leaky_relu}. Backward: {@code grad}
 * where {@code x > 0}, else {@code negativeSlope · grad} (at 0 too, as PyTorch). The op behind
 * {@link Tensor#leakyRelu}; the layer is {@link dev.lamina.nn.LeakyReLU}.
 */
public final class LeakyRelu extends Function {
  // The slope is the second operand, a broadcast scalar, so that one kernel serves every slope.
  private static final BinaryKernel LEAKY = BinaryKernel.of((v, s) -> v > 0 ? v : v * s);
  private static final BinaryKernel SLOPE = BinaryKernel.of((v, s) -> v > 0 ? 1f : s);

  private final Tensor x;
  private final Tensor slope;

  private LeakyRelu(Tensor x, Tensor slope) {
    super(x);
    this.x = x.detach();
    this.slope = slope;
  }

  /**
   * {@code y = x > 0 ? x : negativeSlope · x} element-wise; {@code y} has the shape of
   * {@code x}.
   */
  public static Tensor apply(Tensor x, float negativeSlope) {
    Tensor slope = Tensor.scalar(negativeSlope);
    return record(Elementwise.zip("leakyRelu", x, slope, LEAKY), new LeakyRelu(x, slope));
  }

  @Override
  public String name() {
    return "LeakyReluBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {grad.mul(Elementwise.zip("leakyRelu backward", x, slope, SLOPE))};
  }
}
