package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;

/** {@code -x}. Backward: {@code -grad}. */
public final class Neg extends Function {
  private final Tensor x;
  private final Tensor out;

  private Neg(Tensor x, Tensor out) {
    super(x);
    this.x = x.detach();
    this.out = out.detach();
  }

  public static Tensor apply(Tensor x) {
    float[] in = Elementwise.values(x);
    float[] result = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      float v = in[i];
      result[i] = -v;
    }
    Tensor out = Tensor.wrap(result, x.shape());
    return record(out, new Neg(x, out));
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {grad.neg()};
  }
}
