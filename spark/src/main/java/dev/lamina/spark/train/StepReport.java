package dev.lamina.spark.train;

/**
 * What one synchronous step did: where it is in training, the mean loss over its global batch,
 * and how fast it went.
 *
 * @param step the global step, from 0
 * @param epoch the epoch, from 0
 * @param stepInEpoch the step within its epoch, from 0
 * @param stepsPerEpoch the number of steps in an epoch
 * @param batchSize the number of samples in this step's global batch
 * @param loss the mean loss over the global batch, before the optimizer's update
 * @param seconds the wall time of the step (broadcast, compute, aggregation and update)
 */
public record StepReport(long step, long epoch, int stepInEpoch, int stepsPerEpoch,
    int batchSize, double loss, double seconds) {
  /** Samples per second in this step. */
  public double examplesPerSecond() {
    return seconds > 0 ? batchSize / seconds : 0;
  }
}
