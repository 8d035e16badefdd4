package dev.lamina.optim;

import dev.lamina.NoGrad;
import dev.lamina.Tensor;
import dev.lamina.annotations.DType;
import dev.lamina.kernels.Shapes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Updates parameters in place from their gradients, outside the autograd graph.
 *
 * <pre>{@code
 * Optimizer optimizer = new SGD(model.parameters(), 0.1, 0.9);
 * for (Batch batch : batches) {
 *   optimizer.zeroGrad();
 *   Losses.crossEntropy(model.forward(batch.x()), batch.labels()).backward();
 *   optimizer.step();
 * }
 * }</pre>
 *
 * <p>Subclasses implement the update rule for one parameter, in place on its row-major values.
 * Per-parameter state (momentum buffers, moment estimates) lives in named {@link State}s the
 * subclass asks for, indexed by the parameter's position in the list, so that {@link #stateDict()}
 * and {@link #loadStateDict} save and restore every optimizer the same way: a checkpoint that
 * holds them resumes training exactly where it stopped.
 */
public abstract class Optimizer {
  /** The key of the number of steps taken in {@link #stateDict()}. */
  public static final String STEP_KEY = "step";

  private final List<Tensor> parameters;
  private final Map<String, State> states = new LinkedHashMap<>();
  private long steps;

  /** An optimizer over {@code parameters}, in order; the list is copied. */
  protected Optimizer(List<Tensor> parameters) {
    this.parameters = List.copyOf(parameters);
  }

  /**
   * The per-parameter state named {@code name} ({@code "exp_avg"}), created on first request; a
   * subclass asks for its states in its constructor, so that {@link #loadStateDict} knows them.
   */
  protected final State state(String name) {
    return states.computeIfAbsent(name, key -> new State());
  }

  /**
   * The names of the state this optimizer keeps per parameter ({@code [exp_avg, exp_avg_sq]} for
   * Adam), empty for one that keeps none (plain SGD): with none, a run resumes exactly from the
   * parameters alone.
   */
  public final java.util.Set<String> stateNames() {
    return java.util.Collections.unmodifiableSet(states.keySet());
  }

  /** The number of {@link #step()}s taken, counting those of a state loaded. */
  protected final long stepCount() {
    return steps;
  }

  /**
   * This optimizer's state as named tensors, copies: {@code step}, a 0-d int64 count of steps,
   * and for each parameter that has state, {@code "<index>.<state>"} of the parameter's shape, as
   * PyTorch's {@code optimizer.state_dict()["state"]} indexes it ({@code 0.exp_avg},
   * {@code 0.exp_avg_sq}, {@code 1.exp_avg}, ...).
   */
  public final Map<String, Tensor> stateDict() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    out.put(STEP_KEY, Tensor.longScalar(steps));
    for (int i = 0; i < parameters.size(); i++) {
      for (Map.Entry<String, State> state : states.entrySet()) {
        if (state.getValue().has(i)) {
          float[] values = state.getValue().arrays.get(i).clone();
          out.put(i + "." + state.getKey(), Tensor.adopt(values, parameters.get(i).shape()));
        }
      }
    }
    return out;
  }

  /**
   * Restores a state saved by {@link #stateDict()} of an optimizer of the same kind over
   * parameters of the same shapes, strictly: every key must be one this optimizer has, with the
   * right shape and type, a parameter's states all there or all absent, and {@code step} present.
   * On any mismatch it throws with every problem listed, and nothing changes.
   *
   * @throws IllegalArgumentException if the state does not fit this optimizer
   */
  public final void loadStateDict(Map<String, Tensor> state) {
    List<String> problems = new ArrayList<>();
    Tensor step = state.get(STEP_KEY);
    if (step == null || step.dtype() != DType.INT64 || step.dim() != 0 || step.longItem() < 0) {
      problems.add("\"step\" must be a 0-d int64 count of steps, but it is "
          + (step == null ? "absent" : describe(step)));
    }
    Map<Integer, List<String>> present = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> entry : state.entrySet()) {
      String key = entry.getKey();
      if (key.equals(STEP_KEY)) {
        continue;
      }
      int dot = key.indexOf('.');
      Integer index = dot > 0 ? parseIndex(key.substring(0, dot)) : null;
      String name = dot > 0 ? key.substring(dot + 1) : key;
      if (index == null || index >= parameters.size() || !states.containsKey(name)) {
        problems.add("unexpected key \"" + key + "\"; " + getClass().getSimpleName()
            + " keeps " + (states.isEmpty() ? "no state per parameter" : states.keySet()
            + " for parameters 0.." + (parameters.size() - 1)));
        continue;
      }
      Tensor value = entry.getValue();
      int[] shape = parameters.get(index).shape();
      if (value.dtype() != DType.FLOAT32 || !Arrays.equals(value.shape(), shape)) {
        problems.add("\"" + key + "\" is " + describe(value) + ", but parameter " + index
            + " is float32 " + Arrays.toString(shape));
        continue;
      }
      present.computeIfAbsent(index, i -> new ArrayList<>()).add(name);
    }
    for (Map.Entry<Integer, List<String>> entry : present.entrySet()) {
      if (entry.getValue().size() != states.size()) {
        List<String> missing = new ArrayList<>(states.keySet());
        missing.removeAll(entry.getValue());
        problems.add("parameter " + entry.getKey() + " has " + entry.getValue()
            + " but not " + missing);
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("cannot load the state of " + getClass().getSimpleName()
          + ": " + String.join("; ", problems));
    }
    for (State kept : states.values()) {
      kept.arrays.clear();
    }
    for (Map.Entry<Integer, List<String>> entry : present.entrySet()) {
      for (String name : entry.getValue()) {
        float[] values = state.get(entry.getKey() + "." + name).toFloatArray();
        states.get(name).set(entry.getKey(), values);
      }
    }
    steps = step.longItem();
  }

  private static Integer parseIndex(String text) {
    if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(Character::isDigit)) {
      return null;
    }
    return Integer.valueOf(text);
  }

  private static String describe(Tensor tensor) {
    return Shapes.describe(tensor.dtype(), tensor.shape());
  }

  /** The parameters this optimizer updates. */
  public final List<Tensor> parameters() {
    return parameters;
  }

  /** One update of every parameter that has a gradient; parameters without one are left alone. */
  @SuppressWarnings("try") // the no-grad scope is used for its effect, not referenced
  public final void step() {
    steps++;
    try (NoGrad ignored = NoGrad.enter()) {
      for (int i = 0; i < parameters.size(); i++) {
        Tensor parameter = parameters.get(i);
        Tensor grad = parameter.grad();
        if (grad == null) {
          continue;
        }
        float[] gradValues = fromStart(grad.contiguous());
        if (parameter.isContiguous() && parameter.storageOffset() == 0) {
          // In place on the parameter's own storage: no copies of large weights per step.
          update(i, parameter.storage(), gradValues, parameter.numel());
        } else {
          float[] values = parameter.toFloatArray();
          update(i, values, gradValues, values.length);
          parameter.copyFrom(Tensor.adopt(values, parameter.shape()));
        }
      }
    }
  }

  /**
   * The values of a contiguous tensor in an array that starts with them: its storage, or a copy
   * when the tensor starts further in.
   */
  private static float[] fromStart(Tensor contiguous) {
    return contiguous.storageOffset() == 0 ? contiguous.storage() : contiguous.toFloatArray();
  }

  /** Clears every parameter's gradient (PyTorch's {@code zero_grad(set_to_none=True)}). */
  public final void zeroGrad() {
    for (Tensor parameter : parameters) {
      parameter.setGrad(null);
    }
  }

  /**
   * Updates the {@code n} row-major values of parameter {@code index}, {@code values[0 .. n)}, in
   * place, given its gradient {@code grad[0 .. n)}, which must not be modified. Both ranges start
   * at index 0, so that a loop reads and writes both arrays at the same index: the JIT vectorizes
   * such a loop, and not one whose arrays are read at two different offsets (it cannot rule out
   * that they overlap).
   */
  protected abstract void update(int index, float[] values, float[] grad, int n);

  /** Per-parameter state, created lazily with the parameter's element count. */
  protected static final class State {
    private final List<float[]> arrays = new ArrayList<>();

    void set(int index, float[] values) {
      while (arrays.size() <= index) {
        arrays.add(null);
      }
      arrays.set(index, values);
    }

    float[] get(int index, int length) {
      while (arrays.size() <= index) {
        arrays.add(null);
      }
      float[] array = arrays.get(index);
      if (array == null) {
        array = new float[length];
        arrays.set(index, array);
      }
      return array;
    }

    boolean has(int index) {
      return index < arrays.size() && arrays.get(index) != null;
    }
  }

  static void requireNonNegative(String optimizer, String name, double value) {
    if (!(value >= 0)) {
      throw new IllegalArgumentException(
          optimizer + ": " + name + " must be non-negative, got " + value);
    }
  }
}
