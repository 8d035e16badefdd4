package dev.lamina.nn;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Buffer;
import dev.lamina.annotations.DType;
import dev.lamina.annotations.Init;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;
import dev.lamina.format.ConfigText;
import dev.lamina.kernels.Shapes;

/**
 * Batch normalization of {@code [N, C]} or {@code [N, C, L]} inputs over their {@code C =
 * numFeatures} channels, as PyTorch's {@code nn.BatchNorm1d}: {@code y = (x - mean) / sqrt(var +
 * eps) · weight + bias} per channel. In training the batch's statistics are used (the biased
 * variance) and, with {@code trackRunningStats}, {@code running_mean} and {@code running_var}
 * move towards them by {@code momentum} (the variance unbiased there) and
 * {@code num_batches_tracked} counts the batches; in evaluation the running statistics are used,
 * or the batch's when none are tracked. PyTorch's state-dict names, so that its files load
 * strictly.
 *
 * <pre>{@code
 * BatchNorm1d.create(6).toString();
 * // BatchNorm1d(6, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
 * }</pre>
 */
@Layer
public abstract class BatchNorm1d extends Module {
  final int numFeatures;
  final double eps;
  final double momentum;
  final boolean affine;
  final boolean trackRunningStats;

  @Param(shape = {"numFeatures"}, init = Init.ONES, presentIf = "affine")
  Tensor weight;

  @Param(shape = {"numFeatures"}, init = Init.ZEROS, presentIf = "affine")
  Tensor bias;

  @Buffer(shape = {"numFeatures"}, presentIf = "trackRunningStats")
  Tensor runningMean;

  @Buffer(shape = {"numFeatures"}, init = Init.ONES, presentIf = "trackRunningStats")
  Tensor runningVar;

  @Buffer(shape = {}, dtype = DType.INT64, presentIf = "trackRunningStats")
  Tensor numBatchesTracked;

  BatchNorm1d(int numFeatures, double eps, double momentum, boolean affine,
      boolean trackRunningStats) {
    this.numFeatures = numFeatures;
    this.eps = eps;
    this.momentum = momentum;
    this.affine = affine;
    this.trackRunningStats = trackRunningStats;
  }

  /** PyTorch's {@code nn.BatchNorm1d(numFeatures)}: eps 1e-5, momentum 0.1, affine, tracking. */
  public static BatchNorm1d create(int numFeatures) {
    return create(numFeatures, 1e-5, 0.1, true, true);
  }

  /** With {@code eps} and {@code momentum}; affine, tracking running statistics. */
  public static BatchNorm1d create(int numFeatures, double eps, double momentum) {
    return create(numFeatures, eps, momentum, true, true);
  }

  /** PyTorch's {@code nn.BatchNorm1d(num_features, eps, momentum, affine, track_running_stats)}. */
  public static BatchNorm1d create(int numFeatures, double eps, double momentum, boolean affine,
      boolean trackRunningStats) {
    return new Lamina_BatchNorm1d(numFeatures, eps, momentum, affine, trackRunningStats);
  }

  /** The scale, {@code [numFeatures]}, or null without {@code affine}. */
  public Tensor weight() {
    return weight;
  }

  /** The shift, {@code [numFeatures]}, or null without {@code affine}. */
  public Tensor bias() {
    return bias;
  }

  /** The running mean, {@code [numFeatures]}, or null without {@code trackRunningStats}. */
  public Tensor runningMean() {
    return runningMean;
  }

  /** The running variance, {@code [numFeatures]}, or null without {@code trackRunningStats}. */
  public Tensor runningVar() {
    return runningVar;
  }

  /** The number of training batches seen, a 0-d int64 tensor, or null without tracking. */
  public Tensor numBatchesTracked() {
    return numBatchesTracked;
  }

  @Override
  public Tensor forward(Tensor x) {
    if (x.dim() != 2 && x.dim() != 3) {
      throw new IllegalArgumentException("expected a 2-d or 3-d input, [N, C] or [N, C, L], but"
          + " it has shape " + Shapes.format(x.shape()));
    }
    return normalize(this, x, numFeatures, weight, bias, runningMean, runningVar,
        numBatchesTracked, momentum, eps);
  }

  /**
   * The forward of both batch norms, as PyTorch's {@code _BatchNorm.forward}: the batch's
   * statistics in training or when there are no running ones, and in training the batch counted.
   */
  static Tensor normalize(Module layer, Tensor x, int numFeatures, Tensor weight, Tensor bias,
      Tensor runningMean, Tensor runningVar, Tensor numBatchesTracked, double momentum,
      double eps) {
    if (x.size(1) != numFeatures) {
      throw new IllegalArgumentException("input of shape " + Shapes.format(x.shape()) + " has "
          + x.size(1) + " channels in dimension 1, expected numFeatures=" + numFeatures);
    }
    if (layer.isTraining() && numBatchesTracked != null) {
      numBatchesTracked.addInPlace(1L);
    }
    boolean batchStatistics = layer.isTraining() || runningMean == null;
    return Tensor.batchNorm(x, runningMean, runningVar, weight, bias, batchStatistics, momentum,
        eps);
  }

  /** PyTorch's {@code extra_repr} of both batch norms. */
  static String describe(int numFeatures, double eps, double momentum, boolean affine,
      boolean trackRunningStats) {
    return numFeatures + ", eps=" + ConfigText.of(eps) + ", momentum=" + ConfigText.of(momentum)
        + ", affine=" + ConfigText.of(affine) + ", track_running_stats="
        + ConfigText.of(trackRunningStats);
  }

  @Override
  public String extraRepr() {
    return describe(numFeatures, eps, momentum, affine, trackRunningStats);
  }
}
