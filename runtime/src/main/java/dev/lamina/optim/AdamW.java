package dev.lamina.optim;

import dev.lamina.Tensor;
import java.util.List;

/**
 * Adam with decoupled weight decay, PyTorch's {@code torch.optim.AdamW}: each step first shrinks
 * the parameter, {@code p = p * (1 - lr * weightDecay)}, then applies {@link Adam}'s update without
 * weight decay in the gradient.
 */
public final class AdamW extends Adam {
  /** AdamW with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, weight decay 0.01. */
  public AdamW(List<Tensor> parameters, double lr) {
    this(parameters, lr, 0.9, 0.999, 1e-8, 0.01);
  }

  /** AdamW with every option of PyTorch's except {@code amsgrad}. */
  public AdamW(List<Tensor> parameters, double lr, double beta1, double beta2, double eps,
      double weightDecay) {
    super("AdamW", parameters, lr, beta1, beta2, eps, weightDecay, true);
  }
}
