package dev.lamina.spark.train;

/**
 * How a synchronous step sums the partitions' gradients and updates the weights.
 *
 * <ul>
 *   <li>{@link #TREE}: the driver broadcasts the weights, {@code treeAggregate} brings the
 *       gradients to the driver, which sums and steps the optimizer. Simple, and the right choice
 *       while the model is small next to what one machine sends and receives per step.
 *   <li>{@link #SHARDED}: the weights and the optimizer's state are split into one chunk per
 *       partition, kept on the executors; each step sums every chunk's gradient on the executor
 *       that owns it (a reduce-scatter through Spark's shuffle), updates the chunk there, and
 *       shuffles the updated chunks to every partition (an all-gather). The driver holds no
 *       weights or gradients between the start and the end of {@code train}.
 * </ul>
 *
 * <p>Both give the losses of one machine over the same global batches, to float rounding.
 */
public enum Aggregation {
  /** Gradients summed on the driver by {@code treeAggregate}; the optimizer steps there. */
  TREE,
  /** Gradients reduce-scattered to chunk owners on the executors, which step their chunk. */
  SHARDED
}
