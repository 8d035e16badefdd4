package dev.lamina.loss;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.Workspace;

/**
 * The entry of each row at its label: {@code out[i] = x[i, labels[i]]} for {@code x} of shape
 * {@code [n, classes]}, or 0 for a row whose label is negative (ignored). Backward: the gradient
 * written at the labelled entries, zero elsewhere.
 */
final class PickLabels extends Function {
  private final int[] labels;
  private final int classes;

  private PickLabels(Tensor x, int[] labels, int classes) {
    super(x);
    this.labels = labels;
    this.classes = classes;
  }

  /**
   * {@code labels} must already be checked: one per row, each in {@code [0, classes)} or negative
   * for a row to ignore.
   */
  static Tensor apply(Tensor x, int[] labels) {
    int classes = x.size(1);
    Tensor rows = x.contiguous();
    float[] values = rows.storage();
    int from = rows.storageOffset();
    float[] out = Workspace.floats(labels.length);
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] >= 0) {
        out[i] = values[from + i * classes + labels[i]];
      }
    }
    return record(Tensor.wrap(out, labels.length), new PickLabels(x, labels.clone(), classes));
  }

  @Override
  public String name() {
    return "NllLossBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    Tensor gs = grad.contiguous();
    float[] g = gs.storage();
    int from = gs.storageOffset();
    float[] out = Workspace.floats(labels.length * classes);
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] >= 0) {
        out[i * classes + labels[i]] = g[from + i];
      }
    }
    return new Tensor[] {Tensor.wrap(out, labels.length, classes)};
  }
}
