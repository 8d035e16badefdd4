package dev.lamina.optim;

import dev.lamina.Tensor;
import java.util.List;

/**
 * Adam with PyTorch's {@code torch.optim.Adam} rules, weight decay coupled to the gradient. At step
 * {@code t} (from 1), for each parameter {@code p} with gradient {@code g}:
 *
 * <pre>
 * g = g + weightDecay * p
 * m = beta1 * m + (1 - beta1) * g
 * v = beta2 * v + (1 - beta2) * g^2
 * p = p - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * @see AdamW for weight decay decoupled from the gradient
 */
public class Adam extends Optimizer {
  private final double lr;
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double weightDecay;
  private final boolean decoupled;
  private final State firstMoments;
  private final State secondMoments;

  /** Adam with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay. */
  public Adam(List<Tensor> parameters, double lr) {
    this(parameters, lr, 0.9, 0.999, 1e-8, 0);
  }

  /** Adam with every option of PyTorch's except {@code amsgrad}. */
  public Adam(List<Tensor> parameters, double lr, double beta1, double beta2, double eps,
      double weightDecay) {
    this("Adam", parameters, lr, beta1, beta2, eps, weightDecay, false);
  }

  Adam(String name, List<Tensor> parameters, double lr, double beta1, double beta2, double eps,
      double weightDecay, boolean decoupled) {
    super(parameters);
    requireNonNegative(name, "lr", lr);
    requireNonNegative(name, "eps", eps);
    requireNonNegative(name, "weightDecay", weightDecay);
    if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException(
          name + ": betas must be in [0, 1), got (" + beta1 + ", " + beta2 + ")");
    }
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
    this.decoupled = decoupled;
    this.firstMoments = state("exp_avg");
    this.secondMoments = state("exp_avg_sq");
  }

  @Override
  protected final void update(int index, float[] values, float[] grad, int n) {
    long steps = stepCount();
    float[] m = firstMoments.get(index, n);
    float[] v = secondMoments.get(index, n);
    float stepSize = (float) (lr / (1 - Math.pow(beta1, steps)));
    float correction2 = (float) Math.sqrt(1 - Math.pow(beta2, steps));
    float b1 = (float) beta1;
    float b2 = (float) beta2;
    float oneMinusB1 = (float) (1 - beta1);
    float oneMinusB2 = (float) (1 - beta2);
    float epsilon = (float) eps;
    float coupledDecay = decoupled ? 0f : (float) weightDecay;
    float shrink = decoupled ? (float) (1 - lr * weightDecay) : 1f;
    for (int i = 0; i < n; i++) {
      float p = values[i];
      float g = grad[i] + coupledDecay * p;
      p *= shrink;
      float mi = m[i] * b1 + g * oneMinusB1;
      float vi = v[i] * b2 + g * g * oneMinusB2;
      m[i] = mi;
      v[i] = vi;
      float denominator = (float) Math.sqrt(vi) / correction2 + epsilon;
      values[i] = p - stepSize * (mi / denominator);
    }
  }
}
