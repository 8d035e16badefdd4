package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;

/** {@code max(x, 0)}; NaN stays NaN, as in PyTorch. Backward: {@code grad} where {@code x > 0}, else 0. */
public final class Relu extends Function {
  private final Tensor x;

  private Relu(Tensor x) {
    super(x);
    this.x = x.detach();
  }

  public static Tensor apply(Tensor x) {
    float[] in = Elementwise.values(x);
    float[] result = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      float v = in[i];
      result[i] = Math.max(v, 0f);
    }
    return record(Tensor.wrap(result, x.shape()), new Relu(x));
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {mask(grad, Elementwise.values(x))};
  }

  /**
   * {@code grad} where {@code values > 0}, else 0, in one pass without a branch: with random signs a
   * branch mispredicts half the time, and a conditional move is not vectorized. Scaling by 2^200
   * lifts every positive float, down to the smallest subnormal (2^-149), to at least 1, so the
   * clamp gives 1 for a positive value and 0 otherwise. {@code values} is the ReLU's input or its
   * output: both are positive at the same places.
   */
  static Tensor mask(Tensor grad, float[] values) {
    float[] g = Elementwise.values(grad);
    float[] result = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      float step = Math.min(1f, Math.max(0f, values[i] * 0x1p100f * 0x1p100f));
      result[i] = g[i] * step;
    }
    return Tensor.wrap(result, grad.shape());
  }
}
