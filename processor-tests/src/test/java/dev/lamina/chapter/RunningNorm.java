package dev.lamina.chapter;

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
 * A layer with buffers: running means kept while training and used in evaluation, a counter of
 * batches that stays an int64, both present only when tracking, and a scale that is not saved.
 */
@Layer
public abstract class RunningNorm extends Module {
  final int features;
  final boolean trackRunningStats;

  @Param(shape = {"features"}, init = Init.ONES) Tensor weight;
  @Buffer(shape = {"features"}, presentIf = "trackRunningStats") Tensor runningMean;
  @Buffer(shape = {}, dtype = DType.INT64, presentIf = "trackRunningStats") Tensor numBatchesTracked;
  @Buffer(shape = {"features"}, init = Init.ONES, persistent = false) Tensor scale;

  RunningNorm(int features, boolean trackRunningStats) {
    this.features = features;
    this.trackRunningStats = trackRunningStats;
  }

  public static RunningNorm create(int features, boolean trackRunningStats) {
    return new Lamina_RunningNorm(features, trackRunningStats);
  }

  @Shape({"batch", "features"})
  public Tensor forward(@Shape({"batch", "features"}) Tensor x) {
    Tensor mean = x.mean(0, false);
    if (trackRunningStats) {
      if (isTraining()) {
        try (NoGrad off = NoGrad.enter()) {
          runningMean.copyFrom(runningMean.mul(0.9f).add(mean.mul(0.1f)));
          numBatchesTracked.addInPlace(1L);
        }
      } else {
        mean = runningMean;
      }
    }
    return x.sub(mean).mul(weight).mul(scale);
  }
}
