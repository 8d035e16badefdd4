package dev.lamina.spark.train;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.loss.Losses;
import dev.lamina.spark.data.SampleBlock;
import dev.lamina.spark.nn.SampleContext;
import java.util.Arrays;

/** The samples of one step's global batch that one partition's block holds, in batch order. */
final class ShardBatch {
  final long step;
  final Tensor inputs;
  final int[] labels;
  final long[] indices;

  private ShardBatch(long step, Tensor inputs, int[] labels, long[] indices) {
    this.step = step;
    this.inputs = inputs;
    this.labels = labels;
    this.indices = indices;
  }

  /** The shard of step {@code step} in {@code block}, or null when the block holds none of it. */
  static ShardBatch select(SampleBlock block, BatchSchedule schedule, long step,
      int[] sampleShape) {
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
      return null;
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
    return new ShardBatch(step, Tensor.wrap(inputs, shape), labels, indices);
  }

  /** The number of samples. */
  int size() {
    return labels.length;
  }

  /** The mean cross-entropy of {@code model} over this shard, with per-sample dropout masks. */
  Tensor meanLoss(Module model) {
    try (SampleContext ignored = SampleContext.enter(step, indices)) {
      return Losses.crossEntropy(model.forward(inputs), labels);
    }
  }
}
