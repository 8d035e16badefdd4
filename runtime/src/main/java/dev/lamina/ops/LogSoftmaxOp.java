package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.Shapes;

/**
 * {@code y_i = x_i - max - log(sum_j exp(x_j - max))} along one dimension. Backward:
 * {@code grad_i - exp(y_i) * sum_j grad_j}. The op behind {@link Tensor#logSoftmax}; the layer is
 * {@link dev.lamina.nn.LogSoftmax}.
 */
public final class LogSoftmaxOp extends Function {
  private final float[] out;
  private final int[] shape;
  private final int outer;
  private final int size;
  private final int inner;

  private LogSoftmaxOp(Tensor x, float[] out, int outer, int size, int inner) {
    super(x);
    this.out = out;
    this.shape = x.shape();
    this.outer = outer;
    this.size = size;
    this.inner = inner;
  }

  /**
   * {@code y_i = x_i - log Σ_j e^(x_j)}, the sums running along {@code dim} (negative counts from
   * the end); {@code y} has the shape of {@code x}. A rank-0 tensor is one element: its result is
   * 0.
   */
  public static Tensor apply(Tensor x, int dim) {
    int[] shape = x.shape();
    int d = Shapes.normalizeDim("logSoftmax", dim, shape.length);
    int outer = shape.length == 0 ? 1 : Shapes.product(shape, 0, d);
    int size = shape.length == 0 ? 1 : shape[d];
    int inner = shape.length == 0 ? 1 : Shapes.product(shape, d + 1, shape.length);
    float[] in = Elementwise.values(x);
    float[] out = new float[in.length];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = o * size * inner + i;
        float max = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < size; k++) {
          max = Math.max(max, in[base + k * inner]);
        }
        if (max == Float.NEGATIVE_INFINITY) {
          max = 0f;
        }
        double total = 0;
        for (int k = 0; k < size; k++) {
          total += Math.exp(in[base + k * inner] - max);
        }
        // Subtracting the max first keeps the result exact for the largest entry even when the
        // inputs are large; adding it to log(total) would round away the small differences.
        float logTotal = (float) Math.log(total);
        for (int k = 0; k < size; k++) {
          out[base + k * inner] = (in[base + k * inner] - max) - logTotal;
        }
      }
    }
    return record(Tensor.wrap(out, shape), new LogSoftmaxOp(x, out, outer, size, inner));
  }

  @Override
  public String name() {
    return "LogSoftmaxBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    float[] g = Elementwise.values(grad);
    float[] result = new float[g.length];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = o * size * inner + i;
        double total = 0;
        for (int k = 0; k < size; k++) {
          total += g[base + k * inner];
        }
        for (int k = 0; k < size; k++) {
          int p = base + k * inner;
          result[p] = g[p] - (float) Math.exp(out[p]) * (float) total;
        }
      }
    }
    return new Tensor[] {Tensor.wrap(result, shape)};
  }
}
