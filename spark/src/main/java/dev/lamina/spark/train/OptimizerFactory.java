package dev.lamina.spark.train;

import dev.lamina.Tensor;
import dev.lamina.optim.Optimizer;
import java.io.Serializable;
import java.util.List;

/**
 * Makes an optimizer over given parameters; shipped to executors, so that {@link
 * Aggregation#SHARDED} can step each chunk of the weights where the chunk is kept.
 *
 * <pre>{@code
 * new SparkTrainer(sc, model, parameters -> new Adam(parameters, 1e-3), options);
 * }</pre>
 *
 * <p>A chunk is a slice of the flat parameters that may cut across tensors, so the sharded mode
 * needs an optimizer whose update of each value depends only on that value, its gradient, its own
 * state and the count of steps: {@code SGD}, {@code Adam} and {@code AdamW} are; one that looks at
 * a whole tensor (a per-layer trust ratio, clipping by a norm) is not.
 */
@FunctionalInterface
public interface OptimizerFactory extends Serializable {
  /** A new optimizer over {@code parameters}, with no state. */
  Optimizer create(List<Tensor> parameters);
}
