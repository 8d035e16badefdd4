package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;

/** Square root. Backward: {@code grad / (2 sqrt(x))}, reusing the output. */
public final class Sqrt extends Function {
  private final Tensor out;

  private Sqrt(Tensor x, Tensor out) {
    super(x);
    this.out = out.detach();
  }

  public static Tensor apply(Tensor x) {
    float[] in = Elementwise.values(x);
    float[] result = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      float v = in[i];
      result[i] = (float) Math.sqrt(v);
    }
    Tensor out = Tensor.wrap(result, x.shape());
    return record(out, new Sqrt(x, out));
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {grad.div(out.mul(2f))};
  }
}
