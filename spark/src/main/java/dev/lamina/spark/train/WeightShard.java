package dev.lamina.spark.train;

import dev.lamina.Tensor;
import dev.lamina.optim.Optimizer;
import java.io.Serializable;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One chunk of the flat weights with the optimizer's state for it, as the owner of the chunk keeps
 * it between steps in {@link Aggregation#SHARDED} training, and what the step that made it summed:
 * the loss and the samples. It is never changed once made, since Spark may hand the same cached
 * object to a retried task: {@link #step} returns a new shard.
 */
final class WeightShard implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int chunk;
  private final float[] weights;
  private final Map<String, float[]> state;
  private final long steps;
  private final double loss;
  private final long samples;

  WeightShard(int chunk, float[] weights, Map<String, float[]> state, long steps, double loss,
      long samples) {
    this.chunk = chunk;
    this.weights = weights;
    this.state = state;
    this.steps = steps;
    this.loss = loss;
    this.samples = samples;
  }

  /** Chunk {@code k} of the flat weights and of each flat state array. */
  static WeightShard cut(int k, ChunkRanges ranges, float[] weights, Map<String, float[]> state,
      long steps) {
    Map<String, float[]> sliced = new LinkedHashMap<>();
    state.forEach((name, values) -> sliced.put(name, slice(values, ranges, k)));
    return new WeightShard(k, slice(weights, ranges, k), sliced, steps, 0, 0);
  }

  private static float[] slice(float[] values, ChunkRanges ranges, int k) {
    float[] out = new float[ranges.size(k)];
    System.arraycopy(values, ranges.start(k), out, 0, out.length);
    return out;
  }

  /**
   * The shard after one step: the partitions' gradient slices summed in the order of their
   * partitions (so the sum is the same whichever task finished first), and one step of a fresh
   * optimizer from {@code optimizers} given this shard's state and count of steps.
   *
   * @throws IllegalStateException if a slice is not this chunk's length
   */
  WeightShard step(List<GradientSlice> slices, OptimizerFactory optimizers) {
    slices.sort(Comparator.comparingInt(GradientSlice::partition));
    float[] gradient = new float[weights.length];
    double lossSum = 0;
    long sampleSum = 0;
    for (GradientSlice slice : slices) {
      float[] values = slice.values();
      if (values.length != gradient.length) {
        throw new IllegalStateException("chunk " + chunk + " has " + gradient.length
            + " values, but partition " + slice.partition() + " sent " + values.length);
      }
      for (int i = 0; i < gradient.length; i++) {
        gradient[i] += values[i];
      }
      lossSum += slice.loss();
      sampleSum += slice.samples();
    }
    float[] updated = weights.clone();
    Tensor parameter = Tensor.wrap(updated, updated.length);
    Optimizer optimizer = optimizers.create(List.of(parameter));
    Map<String, Tensor> saved = new LinkedHashMap<>();
    saved.put(Optimizer.STEP_KEY, Tensor.longScalar(steps));
    state.forEach((name, values) -> saved.put("0." + name, Tensor.wrap(values.clone(),
        values.length)));
    optimizer.loadStateDict(saved);
    parameter.setGrad(Tensor.wrap(gradient, gradient.length));
    optimizer.step();
    Map<String, float[]> next = new LinkedHashMap<>();
    optimizer.stateDict().forEach((key, value) -> {
      if (!key.equals(Optimizer.STEP_KEY)) {
        next.put(key.substring(key.indexOf('.') + 1), value.toFloatArray());
      }
    });
    // The optimizer updates a contiguous parameter in place, on the array it wraps.
    return new WeightShard(chunk, updated, next, steps + 1, lossSum, sampleSum);
  }

  int chunk() {
    return chunk;
  }

  float[] weights() {
    return weights;
  }

  Map<String, float[]> state() {
    return state;
  }

  long steps() {
    return steps;
  }

  /** The summed loss of the step that made this shard. */
  double loss() {
    return loss;
  }

  /** The samples counted by the step that made this shard. */
  long samples() {
    return samples;
  }
}
