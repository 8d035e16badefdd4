package dev.lamina.spark.train;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.spark.data.SampleBlock;
import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;

/**
 * What a task computes for one synchronous step on one partition: the loss and gradient of the
 * samples of the step's global batch that its block holds, each divided by the global batch size,
 * so that the sum over partitions is the gradient of the mean loss over the global batch.
 */
final class ShardStep implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String runId;
  private final Broadcast<byte[]> model;
  private final BatchSchedule schedule;
  private final long step;
  private final int[] sampleShape;

  ShardStep(String runId, Broadcast<byte[]> model, BatchSchedule schedule, long step,
      int[] sampleShape) {
    this.runId = runId;
    this.model = model;
    this.schedule = schedule;
    this.step = step;
    this.sampleShape = sampleShape.clone();
  }

  /**
   * This step's share of {@code block} for the flat {@code weights}: an empty sum when it holds
   * none of the batch.
   */
  ShardSum compute(SampleBlock block, float[] weights) {
    ShardBatch shard = ShardBatch.select(block, schedule, step, sampleShape);
    if (shard == null) {
      return new ShardSum();
    }
    Module replica = ModelReplicas.borrow(runId, model::value);
    try {
      FlatParameters.load(replica, weights);
      replica.zeroGrad();
      replica.train();
      Tensor loss = shard.meanLoss(replica).mul((float) shard.size() / schedule.batchSize(step));
      loss.backward();
      return new ShardSum(FlatParameters.gradients(replica), loss.item(), shard.size());
    } finally {
      replica.zeroGrad();
      ModelReplicas.giveBack(runId, replica);
    }
  }
}
