package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;

/** {@code x^p} for a constant exponent p. Backward: {@code grad * p * x^(p-1)}, and 0 for {@code p = 0}. */
public final class Pow extends Function {
  private final Tensor x;
  private final float exponent;

  private Pow(Tensor x, float exponent) {
    super(x);
    this.x = x.detach();
    this.exponent = exponent;
  }

  public static Tensor apply(Tensor x, float exponent) {
    float[] in = Elementwise.values(x);
    float[] result = new float[in.length];
    if (exponent == 2f) {
      for (int i = 0; i < in.length; i++) {
        result[i] = in[i] * in[i];
      }
    } else {
      for (int i = 0; i < in.length; i++) {
        result[i] = (float) Math.pow(in[i], exponent);
      }
    }
    return record(Tensor.wrap(result, x.shape()), new Pow(x, exponent));
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    if (exponent == 0f) {
      // d/dx x^0 is 0 everywhere, also at x = 0 where p * x^(p-1) would be 0 * inf.
      return new Tensor[] {grad.zerosLike()};
    }
    Tensor slope = exponent == 2f ? x.mul(2f) : x.pow(exponent - 1f).mul(exponent);
    return new Tensor[] {grad.mul(slope)};
  }
}
