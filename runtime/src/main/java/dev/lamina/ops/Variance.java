package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.RowReductions;

/**
 * The variance over a set of dimensions, {@code Σ (x - mean)^2 / (n - correction)} as PyTorch's
 * {@code var(dim, correction=...)}, computed in two passes in double precision (the mean first,
 * then the squared deviations from it), which stays accurate when the mean is large beside the
 * spread. Backward: {@code grad · 2 (x - mean) / (n - correction)}. The op behind
 * {@link Tensor#var}; {@link Tensor#std} is its square root.
 */
public final class Variance extends Function {
  private final ReducedRows rows;
  private final float[] values;
  private final double[] means;
  private final double divisor;

  private Variance(Tensor x, ReducedRows rows, float[] values, double[] means, double divisor) {
    super(x);
    this.rows = rows;
    this.values = values;
    this.means = means;
    this.divisor = divisor;
  }

  /**
   * {@code y = Σ (x - mean)^2 / max(0, n - correction)} over {@code dims} (negative count from the
   * end; none means all), {@code n} being the number of elements each output reduces: 1 is
   * PyTorch's default (Bessel's correction, the unbiased estimate), 0 the population variance.
   * The shape is {@code x}'s with those dimensions removed, or kept as size 1 when {@code keepDim}.
   * As in PyTorch, {@code n <= correction} gives NaN or infinity.
   *
   * @throws IllegalArgumentException when a dimension appears twice
   */
  public static Tensor apply(Tensor x, int[] dims, int correction, boolean keepDim) {
    ReducedRows rows = ReducedRows.of("var", x, dims, keepDim);
    int n = rows.length;
    double divisor = Math.max(0, n - correction);
    float[] v = rows.rowsOf(x);
    float[] out = new float[rows.rows];
    double[] means = new double[rows.rows];
    for (int r = 0; r < rows.rows; r++) {
      double mean = RowReductions.sum(v, r * n, n) / n;
      means[r] = mean;
      out[r] = (float) (RowReductions.squaredDeviations(v, r * n, n, mean) / divisor);
    }
    return record(Tensor.wrap(out, rows.outShape), new Variance(x, rows, v, means, divisor));
  }

  @Override
  public String name() {
    return "VarBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    float[] g = Elementwise.values(grad);
    int n = rows.length;
    float[] v = values;
    float[] out = new float[v.length];
    for (int r = 0; r < rows.rows; r++) {
      double scale = 2 * g[r] / divisor;
      for (int k = r * n; k < (r + 1) * n; k++) {
        out[k] = (float) (scale * (v[k] - means[r]));
      }
    }
    return new Tensor[] {rows.toInputLayout(out)};
  }
}
