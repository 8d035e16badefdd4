package dev.lamina.nn;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Buffer;
import dev.lamina.annotations.DType;
import dev.lamina.annotations.Init;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;
import dev.lamina.annotations.Shape;

/**
 * Batch normalization of {@code [N, C, H, W]} images over their {@code C = numFeatures} channels,
 * the statistics taken over the batch and both spatial dimensions, as PyTorch's
 * {@code nn.BatchNorm2d}: {@code y = (x - mean) / sqrt(var +
 * eps) · weight + bias} per channel. In training the batch's statistics are used (the biased
 * variance) and, with {@code trackRunningStats}, {@code running_mean} and {@code running_var}
 * move towards them by {@code momentum} (the variance unbiased there) and
 * {@code num_batches_tracked} counts the batches; in evaluation the running statistics are used,
 * or the batch's when none are tracked. PyTorch's state-dict names, so that its files load
 * strictly.
 *
 * <pre>{@code
 * BatchNorm2d.create(6).toString();
 * // BatchNorm2d(6, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
 * }</pre>
 */
@Layer
public abstract class BatchNorm2d extends Module {
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

  BatchNorm2d(int numFeatures, double eps, double momentum, boolean affine,
      boolean trackRunningStats) {
    this.numFeatures = numFeatures;
    this.eps = eps;
    this.momentum = momentum;
    this.affine = affine;
    this.trackRunningStats = trackRunningStats;
  }

  /** PyTorch's {@code nn.BatchNorm2d(numFeatures)}: eps 1e-5, momentum 0.1, affine, tracking. */
  public static BatchNorm2d create(int numFeatures) {
    return create(numFeatures, 1e-5, 0.1, true, true);
  }

  /** With {@code eps} and {@code momentum}; affine, tracking running statistics. */
  public static BatchNorm2d create(int numFeatures, double eps, double momentum) {
    return create(numFeatures, eps, momentum, true, true);
  }

  /** PyTorch's {@code nn.BatchNorm2d(num_features, eps, momentum, affine, track_running_stats)}. */
  public static BatchNorm2d create(int numFeatures, double eps, double momentum, boolean affine,
      boolean trackRunningStats) {
    return new Lamina_BatchNorm2d(numFeatures, eps, momentum, affine, trackRunningStats);
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
  @Shape({"batch", "numFeatures", "height", "width"})
  public Tensor forward(@Shape({"batch", "numFeatures", "height", "width"}) Tensor x) {
    return BatchNorm1d.normalize(this, x, numFeatures, weight, bias, runningMean, runningVar,
        numBatchesTracked, momentum, eps);
  }

  @Override
  public String extraRepr() {
    return BatchNorm1d.describe(numFeatures, eps, momentum, affine, trackRunningStats);
  }
}
