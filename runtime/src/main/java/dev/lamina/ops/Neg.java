package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;

/** {@code -x}. Backward: {@code -grad}. */
public final class Neg extends Function {
  private Neg(Tensor x) {
    super(x);
  }

  public static Tensor apply(Tensor x) {
    float[] in = Elementwise.values(x);
    float[] result = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      float v = in[i];
      result[i] = -v;
    }
    return record(Tensor.wrap(result, x.shape()), new Neg(x));
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {grad.neg()};
  }
}
