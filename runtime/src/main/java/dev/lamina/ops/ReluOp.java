package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.BinaryKernel;
import dev.lamina.kernels.UnaryKernel;

/**
 * {@code max(x, 0)}; NaN stays NaN, as in PyTorch. Backward: {@code grad} where {@code x > 0}, else
 * 0. The op behind {@link Tensor#relu}; the layer is {@link dev.lamina.nn.ReLU}.
 */
public final class ReluOp extends Function {
  static final UnaryKernel RELU = UnaryKernel.of(v -> Math.max(v, 0f));
  private static final BinaryKernel MASK =
      BinaryKernel.of((g, v) -> g * Math.min(1f, Math.max(0f, v * 0x1p100f * 0x1p100f)));

  private final Tensor x;

  private ReluOp(Tensor x) {
    super(x);
    this.x = x.detach();
  }

  /**
   * {@code y = max(x, 0)} element-wise, NaN staying NaN as in PyTorch; {@code y} has the shape of
   * {@code x}.
   */
  public static Tensor apply(Tensor x) {
    return record(Elementwise.map(x, RELU), new ReluOp(x));
  }

  @Override
  public String name() {
    return "ReluBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {mask(grad, x)};
  }

  /**
   * {@code grad} where {@code values > 0}, else 0, in one pass without a branch: with random signs a
   * branch mispredicts half the time, and a conditional move is not vectorized. Scaling by 2^200
   * lifts every positive float, down to the smallest subnormal (2^-149), to at least 1, so the
   * clamp gives 1 for a positive value and 0 otherwise. {@code values} is the ReLU's input or its
   * output: both are positive at the same places.
   */
  static Tensor mask(Tensor grad, Tensor values) {
    return Elementwise.zip("relu backward", grad, values, MASK);
  }
}
