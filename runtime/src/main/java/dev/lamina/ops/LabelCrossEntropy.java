package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.Workspace;
import dev.lamina.kernels.FloatExp;

/**
 * Cross-entropy against class labels in one node: for {@code x} of shape {@code [n, classes]},
 * {@code loss = -(1 / m) Σ_i logSoftmax(x)[i, labels[i]]} over the {@code m} rows whose label is
 * not negative (ignored rows count for nothing). Each row's log-softmax is
 * {@code x - max - log Σ e^(x - max)}, computed as {@link LogSoftmaxOp} computes it.
 *
 * <p>Backward, with {@code g} the gradient of the loss and {@code v = -g / m}:
 * {@code dx[i, j] = v (onehot(labels[i])_j - softmax(x[i])_j)} for a counted row, 0 for an ignored
 * one: what log-softmax, the pick, the mean and the negation give one after the other, without
 * their four nodes and three intermediate tensors.
 */
public final class LabelCrossEntropy extends Function {
  private final int[] labels;
  private final int classes;
  private final int counted;
  /** The rows' log-softmax, {@code [n, classes]} row-major. */
  private final float[] logSoftmax;

  private LabelCrossEntropy(Tensor x, int[] labels, int classes, int counted,
      float[] logSoftmax) {
    super(x);
    this.labels = labels;
    this.classes = classes;
    this.counted = counted;
    this.logSoftmax = logSoftmax;
  }

  /**
   * The loss of {@code rows} ({@code [n, classes]}) against {@code labels}, already checked: one
   * per row, each in {@code [0, classes)} or negative for a row to ignore, at least one not.
   * Returns a rank-0 tensor.
   */
  public static Tensor apply(Tensor rows, int[] labels, int counted) {
    int classes = rows.size(1);
    int n = labels.length;
    float[] out = Workspace.floatsToOverwrite(n * classes);
    LogSoftmaxOp.logSoftmaxRows(Elementwise.values(rows), out, classes);
    double total = 0;
    for (int r = 0; r < n; r++) {
      if (labels[r] >= 0) {
        total += out[r * classes + labels[r]];
      }
    }
    float[] loss = Workspace.floatsToOverwrite(1);
    loss[0] = -mean((float) total, counted, n);
    return record(Tensor.wrap(loss),
        new LabelCrossEntropy(rows, labels.clone(), classes, counted, out));
  }

  /**
   * {@code sum / counted} as the composite computed it: times {@code 1 / counted} when every row
   * counts (a mean), divided when some are ignored (a sum then a division).
   */
  private static float mean(float sum, int counted, int rows) {
    return counted == rows ? sum * (1f / counted) : sum / counted;
  }

  @Override
  public String name() {
    return "NllLossBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    float v = mean(-grad.item(), counted, labels.length);
    float[] dx = Workspace.floatsToOverwrite(logSoftmax.length);
    FloatExp.exp(logSoftmax, dx, 0, dx.length);
    for (int r = 0; r < labels.length; r++) {
      int from = r * classes;
      if (labels[r] < 0) {
        java.util.Arrays.fill(dx, from, from + classes, 0f);
        continue;
      }
      for (int k = from; k < from + classes; k++) {
        dx[k] = -(dx[k] * v);
      }
      dx[from + labels[r]] += v;
    }
    return new Tensor[] {Tensor.wrap(dx, labels.length, classes)};
  }
}
