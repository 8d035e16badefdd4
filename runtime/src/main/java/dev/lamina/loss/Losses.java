package dev.lamina.loss;

import dev.lamina.Tensor;
import dev.lamina.annotations.DType;
import dev.lamina.kernels.Shapes;
import dev.lamina.ops.LabelCrossEntropy;
import java.util.Arrays;

/**
 * Loss functions with PyTorch's definitions and mean reduction. Each is composed of differentiable
 * tensor ops, so {@code loss.backward()} reaches the prediction.
 *
 * <pre>{@code
 * Tensor loss = Losses.crossEntropy(model.forward(x), Tensor.ofLongs(2, 0, 1));
 * loss.backward();
 * }</pre>
 */
public final class Losses {
  /** PyTorch's default {@code ignore_index}: a target that is no class. */
  public static final long DEFAULT_IGNORE_INDEX = -100;

  private Losses() {}

  /**
   * Mean squared error, {@code mean((prediction - target)^2)}, as {@code F.mse_loss}. Both must
   * have the same shape.
   */
  public static Tensor mseLoss(Tensor prediction, Tensor target) {
    if (!Arrays.equals(prediction.shape(), target.shape())) {
      throw new IllegalArgumentException(
          "mseLoss: prediction has shape " + Arrays.toString(prediction.shape())
              + " but target has shape " + Arrays.toString(target.shape()));
    }
    return prediction.sub(target).pow(2).mean();
  }

  /**
   * Cross-entropy of unnormalized {@code logits} against int64 class indices, as
   * {@code F.cross_entropy(logits, target)}: {@code -mean log_softmax(logits)[..., target, ...]}
   * over the class dimension, stable for large logits. The shapes are PyTorch's: logits
   * {@code [n, classes]} with target {@code [n]}; {@code [classes]} with a 0-d target; or
   * {@code [n, classes, d1, ...]} with target {@code [n, d1, ...]}, one class per position (a
   * sequence of tokens). Targets equal to {@link #DEFAULT_IGNORE_INDEX} (-100) count for nothing,
   * as in PyTorch; see {@link #crossEntropy(Tensor, Tensor, long)}.
   *
   * <pre>{@code
   * Losses.crossEntropy(model.forward(images), labels);        // [n, 10] and int64 [n]
   * Losses.crossEntropy(logits.transpose(1, 2), nextTokens);   // [n, vocab, seq] and [n, seq]
   * }</pre>
   *
   * @throws IllegalArgumentException when {@code target} is not int64 (a float is refused rather
   *     than truncated), the shapes do not fit, or a target is neither a class nor ignored
   */
  public static Tensor crossEntropy(Tensor logits, Tensor target) {
    return crossEntropy(logits, target, DEFAULT_IGNORE_INDEX);
  }

  /**
   * {@link #crossEntropy(Tensor, Tensor)}, the mean taken over the targets that are not
   * {@code ignoreIndex} (PyTorch's {@code ignore_index}); NaN when every target is ignored, as in
   * PyTorch.
   */
  public static Tensor crossEntropy(Tensor logits, Tensor target, long ignoreIndex) {
    if (target.dtype() != DType.INT64) {
      throw new IllegalArgumentException(
          "crossEntropy: target must hold int64 class indices, got "
              + Shapes.describe(target.dtype(), target.shape())
              + "; convert it with to(DType.INT64)");
    }
    int[] shape = logits.shape();
    int[] expected = targetShape(shape);
    if (!Arrays.equals(target.shape(), expected)) {
      throw new IllegalArgumentException(
          "crossEntropy: target has shape " + Arrays.toString(target.shape())
              + " but logits of shape " + Arrays.toString(shape) + " need a target of shape "
              + Arrays.toString(expected));
    }
    int classes = shape.length == 1 ? shape[0] : shape[1];
    long[] values = target.toLongArray();
    int[] labels = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      long v = values[i];
      if (v == ignoreIndex) {
        labels[i] = -1;
      } else if (v < 0 || v >= classes) {
        throw new IllegalArgumentException(
            "crossEntropy: target " + v + " at position " + position(i, expected)
                + " is out of range for " + classes + " classes (ignoreIndex is " + ignoreIndex
                + ")");
      } else {
        labels[i] = (int) v;
      }
    }
    return meanOverLabels(rowsOfClasses(logits), labels);
  }

  /**
   * Cross-entropy of {@code logits} (shape {@code [n, classes]}, unnormalized) against integer
   * class labels (one per row, none ignored), averaged over rows, as {@code F.cross_entropy}:
   * {@code -mean_i logSoftmax(logits)[i, labels[i]]}. Stable for large logits.
   */
  public static Tensor crossEntropy(Tensor logits, int[] labels) {
    int[] shape = logits.shape();
    if (shape.length != 2) {
      throw new IllegalArgumentException(
          "crossEntropy: logits must have shape [n, classes], got " + Arrays.toString(shape));
    }
    if (labels.length != shape[0]) {
      throw new IllegalArgumentException(
          "crossEntropy: " + labels.length + " labels for logits of shape "
              + Arrays.toString(shape) + "; expected one label per row");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= shape[1]) {
        throw new IllegalArgumentException(
            "crossEntropy: label " + labels[i] + " at position " + i + " is out of range for "
                + shape[1] + " classes");
      }
    }
    return meanOverLabels(logits, labels);
  }

  /** Row-major element {@code flat} of {@code shape} as {@code [1, 0]}; {@code 3} for a vector. */
  private static String position(int flat, int[] shape) {
    if (shape.length <= 1) {
      return String.valueOf(flat);
    }
    int[] index = new int[shape.length];
    for (int d = shape.length - 1, rest = flat; d >= 0; d--) {
      index[d] = rest % shape[d];
      rest /= shape[d];
    }
    return Arrays.toString(index);
  }

  /** The shape of the target for logits of {@code shape}: without the class dimension. */
  private static int[] targetShape(int[] shape) {
    if (shape.length == 0) {
      throw new IllegalArgumentException(
          "crossEntropy: logits must have a class dimension, got a rank-0 tensor");
    }
    if (shape.length == 1) {
      return new int[0];
    }
    int[] out = new int[shape.length - 1];
    out[0] = shape[0];
    System.arraycopy(shape, 2, out, 1, shape.length - 2);
    return out;
  }

  /** The logits as {@code [positions, classes]}, positions in the target's row-major order. */
  private static Tensor rowsOfClasses(Tensor logits) {
    int rank = logits.dim();
    if (rank == 1) {
      return logits.unsqueeze(0);
    }
    if (rank == 2) {
      return logits;
    }
    int[] order = new int[rank];
    order[0] = 0;
    for (int d = 2; d < rank; d++) {
      order[d - 1] = d;
    }
    order[rank - 1] = 1;
    return logits.permute(order).reshape(-1, logits.size(1));
  }

  /** {@code -mean log_softmax(rows)[i, labels[i]]} over the labels that are not negative. */
  private static Tensor meanOverLabels(Tensor rows, int[] labels) {
    int counted = 0;
    for (int label : labels) {
      counted += label >= 0 ? 1 : 0;
    }
    if (counted > 0) {
      return LabelCrossEntropy.apply(rows, labels, counted);
    }
    // Every label ignored: 0 / 0, NaN, through the ops that say so.
    return PickLabels.apply(rows.logSoftmax(1), labels).sum().div(counted).neg();
  }
}
