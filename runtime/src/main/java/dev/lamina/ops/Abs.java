package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;

/** {@code |x|}. Backward: {@code grad * sign(x)}, with {@code sign(0) = 0} as PyTorch. */
public final class Abs extends Function {
  private final Tensor x;
  private final Tensor out;

  private Abs(Tensor x, Tensor out) {
    super(x);
    this.x = x.detach();
    this.out = out.detach();
  }

  public static Tensor apply(Tensor x) {
    float[] in = Elementwise.values(x);
    float[] result = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      float v = in[i];
      result[i] = Math.abs(v);
    }
    Tensor out = Tensor.wrap(result, x.shape());
    return record(out, new Abs(x, out));
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {grad.mul(Sign.of(x))};
  }
}
