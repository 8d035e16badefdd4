package dev.lamina.ops;

import dev.lamina.Tensor;
import dev.lamina.kernels.UnaryKernel;

/** Masks used by backward passes; constants, outside the graph. */
final class Sign {
  /** Unlike {@link Math#signum}, 0 at NaN, as PyTorch's {@code sign}. */
  private static final UnaryKernel SIGN =
      UnaryKernel.of(v -> (v > 0f ? 1f : 0f) - (v < 0f ? 1f : 0f));

  private Sign() {}

  /** {@code sign(x)}: -1, 0 or 1, and 0 at NaN. */
  static Tensor of(Tensor x) {
    return Elementwise.map(x, SIGN);
  }
}
