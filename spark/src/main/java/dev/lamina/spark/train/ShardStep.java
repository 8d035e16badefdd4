package dev.lamina.spark.train;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.loss.Losses;
import dev.lamina.spark.data.SampleBlock;
import dev.lamina.spark.nn.SampleContext;
import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.broadcast.Broadcast;

/**
 * What a task computes for one step on one partition: the loss and gradient of the samples of the
 * step's global batch that its block holds, each divided by the global batch size, so that the sum
 * over partitions is the gradient of the mean loss over the global batch.
 */
final class ShardStep implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String runId;
  private final Broadcast<byte[]> model;
  private final Broadcast<float[]> weights;
  private final BatchSchedule schedule;
  private final long step;
  private final int[] sampleShape;

  ShardStep(String runId, Broadcast<byte[]> model, Broadcast<float[]> weights,
      BatchSchedule schedule, long step, int[] sampleShape) {
    this.runId = runId;
    this.model = model;
    this.weights = weights;
    this.schedule = schedule;
    this.step = step;
    this.sampleShape = sampleShape.clone();
  }

  /** This step's share of {@code block}: an empty sum when it holds none of the batch. */
  GradientSum compute(SampleBlock block) {
    int[] positions = schedule.positions(schedule.epoch(step));
    int start = schedule.batchStart(step);
    int end = schedule.batchEnd(step);
    // (position in the batch, row in the block), packed to sort by position.
    long[] selected = new long[block.size()];
    int count = 0;
    for (int i = 0; i < block.size(); i++) {
      int position = positions[(int) block.index(i)];
      if (position >= start && position < end) {
        selected[count++] = ((long) position << 32) | i;
      }
    }
    if (count == 0) {
      return new GradientSum();
    }
    Arrays.sort(selected, 0, count);
    int features = block.featuresPerSample();
    float[] inputs = new float[count * features];
    int[] labels = new int[count];
    long[] indices = new long[count];
    for (int k = 0; k < count; k++) {
      int row = (int) selected[k];
      block.copyFeatures(row, inputs, k * features);
      labels[k] = block.label(row);
      indices[k] = block.index(row);
    }
    int[] shape = new int[sampleShape.length + 1];
    shape[0] = count;
    System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);

    Module replica = ModelReplicas.borrow(runId, model::value);
    try {
      FlatParameters.load(replica, weights.value());
      replica.zeroGrad();
      replica.train();
      Tensor loss;
      try (SampleContext ignored = SampleContext.enter(step, indices)) {
        Tensor logits = replica.forward(Tensor.wrap(inputs, shape));
        loss = Losses.crossEntropy(logits, labels).mul((float) count / (end - start));
      }
      loss.backward();
      return new GradientSum(FlatParameters.gradients(replica), loss.item(), count);
    } finally {
      replica.zeroGrad();
      ModelReplicas.giveBack(runId, replica);
    }
  }
}
