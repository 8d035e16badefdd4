package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;

/** Natural logarithm. Backward: {@code grad / x}. */
public final class Log extends Function {
  private final Tensor x;

  private Log(Tensor x) {
    super(x);
    this.x = x.detach();
  }

  public static Tensor apply(Tensor x) {
    float[] in = Elementwise.values(x);
    float[] result = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      float v = in[i];
      result[i] = (float) Math.log(v);
    }
    return record(Tensor.wrap(result, x.shape()), new Log(x));
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {grad.div(x)};
  }
}
