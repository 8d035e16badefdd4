package dev.lamina.examples.layers;

import dev.lamina.Module;
import dev.lamina.NoGrad;
import dev.lamina.Tensor;
import dev.lamina.annotations.Buffer;
import dev.lamina.annotations.DType;
import dev.lamina.annotations.Init;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;
import dev.lamina.annotations.Shape;

/**
 * Batch normalization over the features of {@code [batch, numFeatures]} inputs, as PyTorch's
 * {@code nn.BatchNorm1d(numFeatures)} with its defaults (affine, tracking running statistics),
 * written with Lamina's declarations: the running statistics are buffers, and the batch counter an
 * int64 buffer, so that PyTorch's state dict loads strictly and PyTorch loads this layer's.
 *
 * <p>In training, with {@code m} the batch mean and {@code v} the biased batch variance,
 * {@code y = (x - m) / sqrt(v + eps) * weight + bias}, and the running statistics move towards the
 * batch's: {@code runningMean = (1 - momentum) * runningMean + momentum * m}, {@code runningVar}
 * likewise with the unbiased variance {@code v * n / (n - 1)}; {@code numBatchesTracked} counts the
 * batches. In evaluation the running statistics take the place of the batch's.
 */
@Layer
public abstract class BatchNorm1d extends Module {
  final int numFeatures;
  final double eps;
  final double momentum;

  @Param(shape = {"numFeatures"}, init = Init.ONES) Tensor weight;
  @Param(shape = {"numFeatures"}, init = Init.ZEROS) Tensor bias;
  @Buffer(shape = {"numFeatures"}) Tensor runningMean;
  @Buffer(shape = {"numFeatures"}, init = Init.ONES) Tensor runningVar;
  @Buffer(shape = {}, dtype = DType.INT64) Tensor numBatchesTracked;

  BatchNorm1d(int numFeatures, double eps, double momentum) {
    this.numFeatures = numFeatures;
    this.eps = eps;
    this.momentum = momentum;
  }

  /** PyTorch's {@code nn.BatchNorm1d(numFeatures)}: eps 1e-5, momentum 0.1. */
  public static BatchNorm1d create(int numFeatures) {
    return create(numFeatures, 1e-5, 0.1);
  }

  /** PyTorch's {@code nn.BatchNorm1d(numFeatures, eps, momentum)}. */
  public static BatchNorm1d create(int numFeatures, double eps, double momentum) {
    return new Lamina_BatchNorm1d(numFeatures, eps, momentum);
  }

  /** The running mean, {@code [numFeatures]}. */
  public Tensor runningMean() {
    return runningMean;
  }

  /** The running variance, {@code [numFeatures]}. */
  public Tensor runningVar() {
    return runningVar;
  }

  /** The number of batches seen in training, a 0-d int64 tensor. */
  public Tensor numBatchesTracked() {
    return numBatchesTracked;
  }

  @Override
  @Shape({"batch", "numFeatures"})
  public Tensor forward(@Shape({"batch", "numFeatures"}) Tensor x) {
    Tensor mean;
    Tensor var;
    if (isTraining()) {
      mean = x.mean(0, false);
      Tensor centered = x.sub(mean);
      var = centered.mul(centered).mean(0, false);
      int n = x.size(0);
      try (NoGrad off = NoGrad.enter()) {
        float keep = (float) (1 - momentum);
        float take = (float) momentum;
        runningMean.copyFrom(runningMean.mul(keep).add(mean.detach().mul(take)));
        Tensor unbiased = var.detach().mul(n / (float) Math.max(1, n - 1));
        runningVar.copyFrom(runningVar.mul(keep).add(unbiased.mul(take)));
        numBatchesTracked.addInPlace(1L);
      }
    } else {
      mean = runningMean;
      var = runningVar;
    }
    return x.sub(mean).div(var.add((float) eps).sqrt()).mul(weight).add(bias);
  }
}
