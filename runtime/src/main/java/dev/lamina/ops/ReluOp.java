package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.BinaryKernel;
import dev.lamina.kernels.UnaryKernel;

/**
 * {@code max(x, 0)}; NaN stays NaN, as in PyTorch. Backward: {@code grad} where {@code x > 0} or
 * is NaN, else 0, as PyTorch. The op behind {@link Tensor#relu}; the layer is
 * {@link dev.lamina.nn.ReLU}.
 */
public final class ReluOp extends Function {
  static final UnaryKernel RELU = UnaryKernel.of(v -> Math.max(v, 0f));
  private static final BinaryKernel MASK = BinaryKernel.of(ReluOp::thresholdBackward);

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
   * {@code grad} where {@code values} is not {@code <= 0}, else exactly 0: as PyTorch's
   * {@code threshold_backward}, the gradient passes where {@code values} is positive or NaN, and
   * is 0, even when infinite or NaN itself, where {@code values} is 0 or negative. {@code values}
   * is the ReLU's input or its output: both are positive, and NaN, at the same places.
   */
  static Tensor mask(Tensor grad, Tensor values) {
    return Elementwise.zip("relu backward", grad, values, MASK);
  }

  /**
   * {@code v <= 0 ? 0 : g}, without a branch: with random signs a branch mispredicts half the
   * time, and a conditional move is not vectorized. Read as an int, the bits of a float are
   * positive when it is above 0 (or a NaN), and their magnitude is above {@code 0x7F800000} when
   * it is NaN; the mask keeps {@code g}'s bits in either case and clears them otherwise.
   */
  private static float thresholdBackward(float g, float v) {
    int bits = Float.floatToRawIntBits(v);
    int positive = -bits & ~bits;
    int nan = 0x7F800000 - (bits & 0x7FFFFFFF);
    int keep = (positive | nan) >> 31;
    return Float.intBitsToFloat(Float.floatToRawIntBits(g) & keep);
  }
}
