package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.Workspace;
import dev.lamina.kernels.FloatExp;
import dev.lamina.kernels.RowReductions;

/**
 * {@code y_i = e^(x_i - max) / Σ_j e^(x_j - max)} along one dimension, {@code max} the largest
 * {@code x_j}, so that large inputs neither overflow nor lose their differences. Backward:
 * {@code dx_i = y_i (g_i - Σ_j g_j y_j)}, from the kept output alone. Each row is read for its
 * maximum, shifted, exponentiated (the polynomial for all rows in one {@link FloatExp} loop),
 * summed and scaled; the rows along the last dimension of a contiguous tensor are read in place,
 * others gathered once ({@link ReducedRows}). The op behind {@link Tensor#softmax}; the layer is
 * {@link dev.lamina.nn.Softmax}.
 */
public final class SoftmaxOp extends Function {
  private final ReducedRows rows;
  /** The output, row after row as {@link ReducedRows#rowsOf} lays them out. */
  private final float[] out;

  private SoftmaxOp(Tensor x, ReducedRows rows, float[] out) {
    super(x);
    this.rows = rows;
    this.out = out;
  }

  /**
   * {@code y_i = e^(x_i) / Σ_j e^(x_j)}, the sums running along {@code dim} (negative counts from
   * the end); {@code y} has the shape of {@code x}. A rank-0 tensor is one element: its result is
   * 1. A row whose elements are all {@code -inf} gives NaN, as in PyTorch.
   *
   * @throws IndexOutOfBoundsException when {@code dim} is not a dimension of {@code x}
   */
  public static Tensor apply(Tensor x, int dim) {
    ReducedRows rows = ReducedRows.of("softmax", x, new int[] {dim}, true);
    float[] in = rows.rowsOf(x);
    int n = rows.length;
    float[] out = new float[in.length];
    float[] maxima = shiftByRowMaxima(in, out, n);
    // The polynomial of every exponential in one loop over all rows, which may be short (an
    // attention's), too short for the JIT's vectorized loops; the rest row by row, with the sum.
    FloatExp.reduceInPlace(out, 0, out.length);
    for (int r = 0, from = 0; from < out.length; r++, from += n) {
      float max = maxima[r];
      double total = 0;
      for (int k = from; k < from + n; k++) {
        float e = FloatExp.fromReduced(out[k], in[k] - max);
        out[k] = e;
        total += e;
      }
      float scale = (float) (1 / total);
      for (int k = from; k < from + n; k++) {
        out[k] *= scale;
      }
    }
    return record(rows.toInputLayout(out), new SoftmaxOp(x, rows, out));
  }

  /**
   * {@code shifted = x - max} for each row of {@code n} values, {@code max} the row's largest;
   * returns each row's {@code max}. A row of {@code -inf} only is left as it is ({@code max} taken
   * as 0): its softmax is then {@code 0 / 0}, PyTorch's NaN, and its log-softmax
   * {@code -inf - log 0}, NaN too. Shared with {@link LogSoftmaxOp}.
   */
  static float[] shiftByRowMaxima(float[] x, float[] shifted, int n) {
    float[] maxima = Workspace.floatsToOverwrite(n == 0 ? 0 : x.length / n);
    for (int r = 0, from = 0; from < x.length; r++, from += n) {
      float max = RowReductions.max(x, from, n);
      if (max == Float.NEGATIVE_INFINITY) {
        max = 0f;
      }
      maxima[r] = max;
      for (int k = from; k < from + n; k++) {
        shifted[k] = x[k] - max;
      }
    }
    return maxima;
  }

  @Override
  public String name() {
    return "SoftmaxBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    float[] g = rows.rowsOf(grad);
    float[] y = out;
    float[] dx = new float[y.length];
    int n = rows.length;
    for (int from = 0; from < y.length; from += n) {
      float gy = (float) RowReductions.dot(g, from, y, from, n);
      for (int k = from; k < from + n; k++) {
        dx[k] = y[k] * (g[k] - gy);
      }
    }
    return new Tensor[] {rows.toInputLayout(dx)};
  }
}
