package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;

/** Hyperbolic tangent. Backward: {@code grad * (1 - t^2)} with t the output. */
public final class Tanh extends Function {
  private final Tensor out;

  private Tanh(Tensor x, Tensor out) {
    super(x);
    this.out = out.detach();
  }

  public static Tensor apply(Tensor x) {
    float[] in = Elementwise.values(x);
    float[] result = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      float v = in[i];
      result[i] = (float) Math.tanh(v);
    }
    Tensor out = Tensor.wrap(result, x.shape());
    return record(out, new Tanh(x, out));
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {grad.mul(out.mul(out).neg().add(1f))};
  }
}
