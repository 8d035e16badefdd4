package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;

/** {@code max(x, 0)}; NaN stays NaN, as in PyTorch. Backward: {@code grad} where {@code x > 0}, else 0. */
public final class Relu extends Function {
  private final Tensor x;
  private final Tensor out;

  private Relu(Tensor x, Tensor out) {
    super(x);
    this.x = x.detach();
    this.out = out.detach();
  }

  public static Tensor apply(Tensor x) {
    float[] in = Elementwise.values(x);
    float[] result = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      float v = in[i];
      result[i] = Math.max(v, 0f);
    }
    Tensor out = Tensor.wrap(result, x.shape());
    return record(out, new Relu(x, out));
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {grad.mul(Sign.positive(x))};
  }
}
