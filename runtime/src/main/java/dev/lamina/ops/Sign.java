package dev.lamina.ops;

import dev.lamina.Tensor;
import dev.lamina.kernels.UnaryKernel;

/** Masks used by backward passes; constants, outside the graph. */
final class Sign {
  private static final UnaryKernel SIGN = UnaryKernel.of(Math::signum);

  private Sign() {}

  /** {@code sign(x)}: -1, 0 or 1. */
  static Tensor of(Tensor x) {
    return Elementwise.map(x, SIGN);
  }
}
