package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;

/**
 * {@code log(1 + e^(beta x)) / beta}, reverting to {@code x} where {@code beta x > threshold}, as
 * PyTorch's {@code softplus}. Backward: {@code grad · sigmoid(beta x)}, or {@code grad} where the
 * forward reverted to {@code x}. The op behind {@link Tensor#softplus}.
 *
 * <p>Its loops are written here rather than as kernel constants: a kernel is made once per formula,
 * and this formula has two parameters of the call.
 */
public final class Softplus extends Function {
  private final float[] x;
  private final int[] shape;
  private final float beta;
  private final float threshold;

  private Softplus(Tensor input, float[] x, float beta, float threshold) {
    super(input);
    this.x = x;
    this.shape = input.shape();
    this.beta = beta;
    this.threshold = threshold;
  }

  /**
   * {@code y = x} where {@code beta x > threshold}, else {@code y = log1p(e^(beta x)) / beta},
   * element-wise; {@code y} has the shape of {@code x}. PyTorch's defaults are {@code beta = 1},
   * {@code threshold = 20}.
   */
  public static Tensor apply(Tensor x, float beta, float threshold) {
    float[] in = Elementwise.values(x);
    float[] out = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      double z = (double) in[i] * beta;
      out[i] = z > threshold ? in[i] : (float) (Math.log1p(Math.exp(z)) / beta);
    }
    return record(Tensor.wrap(out, x.shape()), new Softplus(x, in, beta, threshold));
  }

  @Override
  public String name() {
    return "SoftplusBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    float[] g = Elementwise.values(grad);
    float[] out = new float[g.length];
    for (int i = 0; i < g.length; i++) {
      double z = (double) x[i] * beta;
      out[i] = z > threshold ? g[i] : (float) (g[i] / (1 + Math.exp(-z)));
    }
    return new Tensor[] {Tensor.wrap(out, shape)};
  }
}
