package dev.lamina.loss;

import dev.lamina.Tensor;
import java.util.Arrays;

/**
 * Loss functions with PyTorch's definitions and mean reduction. Each is composed of differentiable
 * tensor ops, so {@code loss.backward()} reaches the prediction.
 *
 * <pre>{@code
 * Tensor loss = Losses.crossEntropy(model.forward(x), new int[] {2, 0, 1});
 * loss.backward();
 * }</pre>
 */
public final class Losses {
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
   * Cross-entropy of {@code logits} (shape {@code [n, classes]}, unnormalized) against integer
   * class labels (one per row), averaged over rows, as {@code F.cross_entropy}:
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
    return PickLabels.apply(logits.logSoftmax(1), labels).mean().neg();
  }

  /**
   * {@link #crossEntropy(Tensor, int[])} with the labels as a 1-d tensor of whole numbers (such as
   * {@code argmax} returns).
   */
  public static Tensor crossEntropy(Tensor logits, Tensor labels) {
    if (labels.dim() != 1) {
      throw new IllegalArgumentException(
          "crossEntropy: labels must be 1-d, got shape " + Arrays.toString(labels.shape()));
    }
    float[] values = labels.toFloatArray();
    int[] classes = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      if (values[i] != Math.rint(values[i])) {
        throw new IllegalArgumentException(
            "crossEntropy: label " + values[i] + " at position " + i + " is not a whole number");
      }
      classes[i] = (int) values[i];
    }
    return crossEntropy(logits, classes);
  }
}
