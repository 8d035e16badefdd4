package dev.lamina.spark.train;

import java.io.Serializable;

/**
 * The part of a global batch's loss and gradient that some shards contribute, each already divided
 * by the global batch size, and how many samples they covered. Sums of these are what
 * {@code treeAggregate} combines; an empty sum has no gradient array, so that the zero value Spark
 * ships to every task costs nothing.
 */
final class GradientSum implements Serializable {
  private static final long serialVersionUID = 1L;

  private float[] gradient;
  private double loss;
  private long samples;

  GradientSum() {}

  GradientSum(float[] gradient, double loss, long samples) {
    this.gradient = gradient;
    this.loss = loss;
    this.samples = samples;
  }

  /** Adds {@code other} into this sum (reusing its array when this one has none); returns this. */
  GradientSum add(GradientSum other) {
    if (other.gradient != null) {
      if (gradient == null) {
        gradient = other.gradient.clone();
      } else {
        if (gradient.length != other.gradient.length) {
          throw new IllegalStateException("gradients of " + gradient.length + " and "
              + other.gradient.length + " values cannot be summed");
        }
        float[] into = gradient;
        float[] from = other.gradient;
        for (int i = 0; i < into.length; i++) {
          into[i] += from[i];
        }
      }
    }
    loss += other.loss;
    samples += other.samples;
    return this;
  }

  /** The summed gradient, or null when no shard had samples. */
  float[] gradient() {
    return gradient;
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
