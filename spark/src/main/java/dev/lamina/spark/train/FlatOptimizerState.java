package dev.lamina.spark.train;

import dev.lamina.Tensor;
import dev.lamina.optim.Optimizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An optimizer's state in the layout of {@link FlatParameters}: for each state it keeps
 * ({@code exp_avg}, ...), one flat array over all parameters, in order, and the count of steps.
 * That is the form {@link Aggregation#SHARDED} cuts into chunks, and {@link #loadInto} turns back
 * into the {@link Optimizer#stateDict()} a checkpoint saves.
 *
 * @param arrays the flat state arrays by name; empty before the optimizer's first step
 * @param steps the optimizer's count of steps
 */
record FlatOptimizerState(Map<String, float[]> arrays, long steps) {
  /**
   * The state of {@code optimizer}, flattened over its parameters.
   *
   * @throws IllegalStateException if some parameters have a state and others do not, which one
   *     flat array cannot hold
   */
  static FlatOptimizerState of(Optimizer optimizer) {
    Map<String, Tensor> saved = optimizer.stateDict();
    List<Tensor> parameters = optimizer.parameters();
    Map<String, float[]> arrays = new LinkedHashMap<>();
    for (String name : optimizer.stateNames()) {
      int present = 0;
      for (int i = 0; i < parameters.size(); i++) {
        present += saved.containsKey(i + "." + name) ? 1 : 0;
      }
      if (present == 0) {
        continue;
      }
      if (present != parameters.size()) {
        throw new IllegalStateException(optimizer.getClass().getSimpleName() + " has \"" + name
            + "\" for " + present + " of its " + parameters.size() + " parameters; sharded"
            + " aggregation needs it for all of them or none");
      }
      float[] flat = new float[FlatParameters.count(parameters)];
      int offset = 0;
      for (int i = 0; i < parameters.size(); i++) {
        float[] values = saved.get(i + "." + name).toFloatArray();
        System.arraycopy(values, 0, flat, offset, values.length);
        offset += values.length;
      }
      arrays.put(name, flat);
    }
    return new FlatOptimizerState(arrays, saved.get(Optimizer.STEP_KEY).longItem());
  }

  /** Sets {@code optimizer}'s state to this one, split by its parameters. */
  void loadInto(Optimizer optimizer) {
    List<Tensor> parameters = optimizer.parameters();
    Map<String, Tensor> saved = new LinkedHashMap<>();
    saved.put(Optimizer.STEP_KEY, Tensor.longScalar(steps));
    arrays.forEach((name, flat) -> {
      int offset = 0;
      for (int i = 0; i < parameters.size(); i++) {
        Tensor parameter = parameters.get(i);
        float[] values = new float[parameter.numel()];
        System.arraycopy(flat, offset, values, 0, values.length);
        saved.put(i + "." + name, Tensor.wrap(values, parameter.shape()));
        offset += values.length;
      }
    });
    optimizer.loadStateDict(saved);
  }
}
