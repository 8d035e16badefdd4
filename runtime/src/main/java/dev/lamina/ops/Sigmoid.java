package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;

/** {@code 1 / (1 + e^-x)}. Backward: {@code grad * s * (1 - s)} with s the output. */
public final class Sigmoid extends Function {
  private final Tensor out;

  private Sigmoid(Tensor x, Tensor out) {
    super(x);
    this.out = out.detach();
  }

  public static Tensor apply(Tensor x) {
    float[] in = Elementwise.values(x);
    float[] result = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      float v = in[i];
      result[i] = (float) (1.0 / (1.0 + Math.exp(-v)));
    }
    Tensor out = Tensor.wrap(result, x.shape());
    return record(out, new Sigmoid(x, out));
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {grad.mul(out.mul(out.neg().add(1f)))};
  }
}
