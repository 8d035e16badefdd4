package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;

/** {@code |x|}. Backward: {@code grad * sign(x)}, with {@code sign(0) = 0} as PyTorch. */
public final class Abs extends Function {
  private final Tensor x;

  private Abs(Tensor x) {
    super(x);
    this.x = x.detach();
  }

  public static Tensor apply(Tensor x) {
    float[] in = Elementwise.values(x);
    float[] result = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      float v = in[i];
      result[i] = Math.abs(v);
    }
    return record(Tensor.wrap(result, x.shape()), new Abs(x));
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {grad.mul(Sign.of(x))};
  }
}
