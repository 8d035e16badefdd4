package dev.lamina.optim;

import dev.lamina.Tensor;
import java.util.List;

/**
 * Stochastic gradient descent with PyTorch's {@code torch.optim.SGD} rules. For each parameter
 * {@code p} with gradient {@code g}:
 *
 * <pre>
 * g = g + weightDecay * p
 * if momentum != 0:
 *   b = g                                    on the first step
 *   b = momentum * b + (1 - dampening) * g   afterwards
 *   g = g + momentum * b   if nesterov,  else  g = b
 * p = p - lr * g
 * </pre>
 */
public final class SGD extends Optimizer {
  private final double lr;
  private final double momentum;
  private final double dampening;
  private final double weightDecay;
  private final boolean nesterov;
  private final State buffers;

  /** Plain gradient descent: {@code p = p - lr * g}. */
  public SGD(List<Tensor> parameters, double lr) {
    this(parameters, lr, 0, 0, 0, false);
  }

  /** Gradient descent with momentum (no dampening, no weight decay). */
  public SGD(List<Tensor> parameters, double lr, double momentum) {
    this(parameters, lr, momentum, 0, 0, false);
  }

  /**
   * SGD with every option of PyTorch's.
   *
   * @throws IllegalArgumentException for a negative hyperparameter, or Nesterov momentum without
   *     momentum or with dampening (which PyTorch refuses too)
   */
  public SGD(List<Tensor> parameters, double lr, double momentum, double dampening,
      double weightDecay, boolean nesterov) {
    super(parameters);
    requireNonNegative("SGD", "lr", lr);
    requireNonNegative("SGD", "momentum", momentum);
    requireNonNegative("SGD", "weightDecay", weightDecay);
    if (nesterov && (momentum <= 0 || dampening != 0)) {
      throw new IllegalArgumentException(
          "SGD: Nesterov momentum needs momentum > 0 and dampening 0, got momentum " + momentum
              + " and dampening " + dampening);
    }
    this.lr = lr;
    this.momentum = momentum;
    this.dampening = dampening;
    this.weightDecay = weightDecay;
    this.nesterov = nesterov;
    this.buffers = momentum != 0 ? state("momentum_buffer") : null;
  }

  @Override
  protected void update(int index, float[] values, float[] grad, int n) {
    float rate = (float) lr;
    if (momentum == 0 && weightDecay == 0) {
      for (int i = 0; i < n; i++) {
        values[i] -= rate * grad[i];
      }
      return;
    }
    float decay = (float) weightDecay;
    float mu = (float) momentum;
    float keep = (float) (1 - dampening);
    boolean first = momentum != 0 && !buffers.has(index);
    float[] buffer = momentum != 0 ? buffers.get(index, n) : null;
    for (int i = 0; i < n; i++) {
      float d = grad[i] + decay * values[i];
      if (buffer != null) {
        float b = first ? d : mu * buffer[i] + keep * d;
        buffer[i] = b;
        d = nesterov ? d + mu * b : b;
      }
      values[i] -= rate * d;
    }
  }
}
