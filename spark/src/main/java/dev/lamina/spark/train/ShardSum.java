package dev.lamina.spark.train;

import java.io.Serializable;

/**
 * A sum over shards of a flat vector, a loss and a sample count, as {@code treeAggregate} combines
 * them: in synchronous steps the shards' gradients and losses, each already divided by the global
 * batch size; in local steps their weights and summed losses, each multiplied by the samples seen.
 * An empty sum has no array, so that the zero value Spark ships to every task costs nothing.
 */
final class ShardSum implements Serializable {
  private static final long serialVersionUID = 1L;

  private float[] vector;
  private double loss;
  private long samples;

  ShardSum() {}

  ShardSum(float[] vector, double loss, long samples) {
    this.vector = vector;
    this.loss = loss;
    this.samples = samples;
  }

  /** Adds {@code other} into this sum (reusing its array when this one has none); returns this. */
  ShardSum add(ShardSum other) {
    if (other.vector != null) {
      if (vector == null) {
        vector = other.vector.clone();
      } else {
        if (vector.length != other.vector.length) {
          throw new IllegalStateException("vectors of " + vector.length + " and "
              + other.vector.length + " values cannot be summed");
        }
        float[] into = vector;
        float[] from = other.vector;
        for (int i = 0; i < into.length; i++) {
          into[i] += from[i];
        }
      }
    }
    loss += other.loss;
    samples += other.samples;
    return this;
  }

  /** The summed vector, or null when no shard had samples. */
  float[] vector() {
    return vector;
  }

  /** The summed loss. */
  double loss() {
    return loss;
  }

  /** The number of samples summed. */
  long samples() {
    return samples;
  }
}
