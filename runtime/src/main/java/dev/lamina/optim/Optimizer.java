package dev.lamina.optim;

import dev.lamina.NoGrad;
import dev.lamina.Tensor;
import java.util.ArrayList;
import java.util.List;

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
 * <p>Subclasses implement the update rule for one parameter, in place on its row-major values; per-parameter state (momentum buffers, moment estimates) lives in the subclass, indexed
 * by the parameter's position in the list.
 */
public abstract class Optimizer {
  private final List<Tensor> parameters;

  /** An optimizer over {@code parameters}, in order; the list is copied. */
  protected Optimizer(List<Tensor> parameters) {
    this.parameters = List.copyOf(parameters);
  }

  /** The parameters this optimizer updates. */
  public final List<Tensor> parameters() {
    return parameters;
  }

  /** One update of every parameter that has a gradient; parameters without one are left alone. */
  @SuppressWarnings("try") // the no-grad scope is used for its effect, not referenced
  public final void step() {
    beginStep();
    try (NoGrad ignored = NoGrad.enter()) {
      for (int i = 0; i < parameters.size(); i++) {
        Tensor parameter = parameters.get(i);
        Tensor grad = parameter.grad();
        if (grad == null) {
          continue;
        }
        Tensor g = grad.contiguous();
        if (parameter.isContiguous()) {
          // In place on the parameter's own storage: no copies of large weights per step.
          update(i, parameter.storage(), parameter.storageOffset(), g.storage(),
              g.storageOffset(), parameter.numel());
        } else {
          float[] values = parameter.toFloatArray();
          update(i, values, 0, g.storage(), g.storageOffset(), values.length);
          parameter.copyFrom(Tensor.wrap(values, parameter.shape()));
        }
      }
    }
  }

  /** Clears every parameter's gradient (PyTorch's {@code zero_grad(set_to_none=True)}). */
  public final void zeroGrad() {
    for (Tensor parameter : parameters) {
      parameter.setGrad(null);
    }
  }

  /** Called once at the start of each {@link #step()}, before any {@link #update}. */
  protected void beginStep() {}

  /**
   * Updates the {@code n} row-major values of parameter {@code index}, {@code values[offset ..
   * offset + n)}, in place, given its gradient {@code grad[gradOffset .. gradOffset + n)}, which
   * must not be modified.
   */
  protected abstract void update(int index, float[] values, int offset, float[] grad,
      int gradOffset, int n);

  /** Per-parameter state, created lazily with the parameter's element count. */
  static final class State {
    private final List<float[]> arrays = new ArrayList<>();

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
