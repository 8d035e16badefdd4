package dev.lamina.spark.train;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.loss.Losses;
import dev.lamina.optim.Optimizer;
import dev.lamina.spark.nn.SampleContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference: the plain runtime's training loop in one JVM, over the same global batches as
 * {@link SparkTrainer}, with the mean loss over each whole batch.
 */
final class SingleJvmTraining {
  private SingleJvmTraining() {}

  static List<Double> train(Module model, Optimizer optimizer, float[] pixels, int[] labels,
      int features, BatchSchedule schedule, long steps) {
    List<Double> losses = new ArrayList<>();
    model.train();
    for (long step = 0; step < steps; step++) {
      int[] batch = schedule.batch(step);
      float[] x = new float[batch.length * features];
      int[] y = new int[batch.length];
      long[] indices = new long[batch.length];
      for (int i = 0; i < batch.length; i++) {
        System.arraycopy(pixels, batch[i] * features, x, i * features, features);
        y[i] = labels[batch[i]];
        indices[i] = batch[i];
      }
      Tensor loss;
      try (SampleContext ignored = SampleContext.enter(step, indices)) {
        loss = Losses.crossEntropy(model.forward(Tensor.wrap(x, batch.length, features)), y);
      }
      loss.backward();
      optimizer.step();
      optimizer.zeroGrad();
      losses.add((double) loss.item());
    }
    return losses;
  }
}
