package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.Workspace;
import dev.lamina.kernels.FloatExp;
import dev.lamina.kernels.RowReductions;

/**
 * {@code y_i = x_i - max - log(Σ_j e^(x_j - max))} along one dimension, {@code max} the largest
 * {@code x_j}. Backward: {@code dx_i = g_i - e^(y_i) Σ_j g_j}. Each row is read for its maximum,
 * shifted, exponentiated (for all rows in one {@link FloatExp} call) and summed; the rows along the
 * last dimension of a contiguous tensor are read in place, others gathered once
 * ({@link ReducedRows}). The op behind {@link Tensor#logSoftmax}; the layer is
 * {@link dev.lamina.nn.LogSoftmax}.
 */
public final class LogSoftmaxOp extends Function {
  private final ReducedRows rows;
  /** The output, row after row as {@link ReducedRows#rowsOf} lays them out. */
  private final float[] out;

  private LogSoftmaxOp(Tensor x, ReducedRows rows, float[] out) {
    super(x);
    this.rows = rows;
    this.out = out;
  }

  /**
   * {@code y_i = x_i - log Σ_j e^(x_j)}, the sums running along {@code dim} (negative counts from
   * the end); {@code y} has the shape of {@code x}. A rank-0 tensor is one element: its result is
   * 0.
   *
   * @throws IndexOutOfBoundsException when {@code dim} is not a dimension of {@code x}
   */
  public static Tensor apply(Tensor x, int dim) {
    ReducedRows rows = ReducedRows.of("logSoftmax", x, new int[] {dim}, true);
    float[] in = rows.rowsOf(x);
    int n = rows.length;
    float[] out = Workspace.floatsToOverwrite(in.length);
    logSoftmaxRows(in, out, n);
    return record(rows.toInputLayout(out), new LogSoftmaxOp(x, rows, out));
  }

  /**
   * The log-softmax of each row of {@code n} values of {@code in}, into {@code out}:
   * {@code x - max - log Σ e^(x - max)}. Shared with {@link LabelCrossEntropy}.
   */
  static void logSoftmaxRows(float[] in, float[] out, int n) {
    SoftmaxOp.shiftByRowMaxima(in, out, n);
    float[] exponentials = Workspace.floatsToOverwrite(out.length);
    FloatExp.exp(out, exponentials, 0, out.length);
    for (int from = 0; from < out.length; from += n) {
      // Subtracting the max first keeps the result exact for the largest entry even when the
      // inputs are large; adding it to log(total) would round away the small differences.
      float logTotal = (float) Math.log(RowReductions.sum(exponentials, from, n));
      for (int k = from; k < from + n; k++) {
        out[k] -= logTotal;
      }
    }
  }

  @Override
  public String name() {
    return "LogSoftmaxBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    float[] g = rows.rowsOf(grad);
    float[] softmax = Workspace.floatsToOverwrite(out.length);
    FloatExp.exp(out, softmax, 0, out.length);
    float[] dx = Workspace.floatsToOverwrite(out.length);
    int n = rows.length;
    for (int from = 0; from < out.length; from += n) {
      float total = (float) RowReductions.sum(g, from, n);
      for (int k = from; k < from + n; k++) {
        dx[k] = g[k] - softmax[k] * total;
      }
    }
    return new Tensor[] {rows.toInputLayout(dx)};
  }
}
