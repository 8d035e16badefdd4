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
    // One pass, no mask tensor: the gradient passes where the input was positive.
    float[] in = Elementwise.values(x);
    float[] g = Elementwise.values(grad);
    float[] result = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      result[i] = in[i] > 0f ? g[i] : 0f;
    }
    return new Tensor[] {Tensor.wrap(result, x.shape())};
  }
}
