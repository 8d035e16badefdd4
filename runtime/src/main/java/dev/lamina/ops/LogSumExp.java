package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;

/**
 * {@code log Σ e^x} over a set of dimensions, computed as {@code m + log Σ e^(x - m)} with
 * {@code m} the largest element, so that large inputs neither overflow nor lose their small
 * differences, as PyTorch's {@code logsumexp}. Backward: {@code grad · e^(x - y)}, the softmax of
 * each group. The op behind {@link Tensor#logsumexp}.
 */
public final class LogSumExp extends Function {
  private final ReducedRows rows;
  private final float[] values;
  private final float[] out;

  private LogSumExp(Tensor x, ReducedRows rows, float[] values, float[] out) {
    super(x);
    this.rows = rows;
    this.values = values;
    this.out = out;
  }

  /**
   * {@code y = log Σ e^x} over {@code dims} (negative count from the end; none means all), shapes
   * as for {@link Variance#apply}. A group whose largest element is infinite gives that infinity
   * (so {@code -inf} when all are), as in PyTorch.
   *
   * @throws IllegalArgumentException when a dimension appears twice
   */
  public static Tensor apply(Tensor x, int[] dims, boolean keepDim) {
    ReducedRows rows = ReducedRows.of("logsumexp", x, dims, keepDim);
    int n = rows.length;
    float[] v = rows.rowsOf(x);
    float[] out = new float[rows.rows];
    for (int r = 0; r < rows.rows; r++) {
      int base = r * n;
      float max = Float.NEGATIVE_INFINITY;
      for (int k = 0; k < n; k++) {
        max = Math.max(max, v[base + k]);
      }
      // An infinite maximum is not subtracted: inf - inf would be NaN.
      double shift = Float.isInfinite(max) ? 0 : max;
      double total = 0;
      for (int k = 0; k < n; k++) {
        total += Math.exp(v[base + k] - shift);
      }
      out[r] = (float) (shift + Math.log(total));
    }
    return record(Tensor.wrap(out, rows.outShape), new LogSumExp(x, rows, v, out));
  }

  @Override
  public String name() {
    return "LogsumexpBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    float[] g = Elementwise.values(grad);
    int n = rows.length;
    float[] v = values;
    float[] result = new float[v.length];
    for (int r = 0; r < rows.rows; r++) {
      for (int k = r * n; k < (r + 1) * n; k++) {
        result[k] = (float) (g[r] * Math.exp((double) v[k] - out[r]));
      }
    }
    return new Tensor[] {rows.toInputLayout(result)};
  }
}
