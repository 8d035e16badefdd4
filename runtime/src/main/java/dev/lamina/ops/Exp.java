package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;

/** {@code e^x}. Backward: {@code grad * e^x}, reusing the output. */
public final class Exp extends Function {
  private final Tensor out;

  private Exp(Tensor x, Tensor out) {
    super(x);
    this.out = out.detach();
  }

  public static Tensor apply(Tensor x) {
    float[] in = Elementwise.values(x);
    float[] result = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      float v = in[i];
      result[i] = (float) Math.exp(v);
    }
    Tensor out = Tensor.wrap(result, x.shape());
    return record(out, new Exp(x, out));
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {grad.mul(out)};
  }
}
