package dev.lamina.spark.train;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.optim.SGD;
import dev.lamina.spark.data.SampleBlock;
import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;

/**
 * What a task computes for one round of local steps on one partition: starting from the broadcast
 * weights, a plain SGD step on its shard of each of the round's global batches in turn (on the
 * shard's mean loss); it returns its final weights multiplied by the number of samples it saw, so
 * that the sum over partitions divided by the samples is the weighted average of the weights.
 */
final class LocalSteps implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String runId;
  private final Broadcast<byte[]> model;
  private final Broadcast<float[]> weights;
  private final BatchSchedule schedule;
  private final long firstStep;
  private final long endStep;
  private final double learningRate;
  private final int[] sampleShape;

  LocalSteps(String runId, Broadcast<byte[]> model, Broadcast<float[]> weights,
      BatchSchedule schedule, long firstStep, long endStep, double learningRate,
      int[] sampleShape) {
    this.runId = runId;
    this.model = model;
    this.weights = weights;
    this.schedule = schedule;
    this.firstStep = firstStep;
    this.endStep = endStep;
    this.learningRate = learningRate;
    this.sampleShape = sampleShape.clone();
  }

  /** The weighted final weights, summed per-sample losses and sample count of this block. */
  ShardSum compute(SampleBlock block) {
    Module replica = ModelReplicas.borrow(runId, model::value);
    try {
      FlatParameters.load(replica, weights.value());
      replica.zeroGrad();
      replica.train();
      SGD local = new SGD(replica.parameters(), learningRate);
      double lossSum = 0;
      long samples = 0;
      for (long step = firstStep; step < endStep; step++) {
        ShardBatch shard = ShardBatch.select(block, schedule, step, sampleShape);
        if (shard == null) {
          continue;
        }
        Tensor loss = shard.meanLoss(replica);
        loss.backward();
        local.step();
        local.zeroGrad();
        lossSum += (double) loss.item() * shard.size();
        samples += shard.size();
      }
      if (samples == 0) {
        return new ShardSum();
      }
      float[] weighted = FlatParameters.values(replica);
      for (int i = 0; i < weighted.length; i++) {
        weighted[i] *= samples;
      }
      return new ShardSum(weighted, lossSum, samples);
    } finally {
      replica.zeroGrad();
      ModelReplicas.giveBack(runId, replica);
    }
  }
}
