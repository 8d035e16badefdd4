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
    // One pass, no mask tensor, no branch: with random signs a branch mispredicts half the time,
    // and a conditional move is not vectorized. Scaling by 2^200 lifts every positive float, down
    // to the smallest subnormal (2^-149), to at least 1, so the clamp gives 1 for x > 0, else 0.
    float[] in = Elementwise.values(x);
    float[] g = Elementwise.values(grad);
    float[] result = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      float step = Math.min(1f, Math.max(0f, in[i] * 0x1p100f * 0x1p100f));
      result[i] = g[i] * step;
    }
    return new Tensor[] {Tensor.wrap(result, x.shape())};
  }
}
