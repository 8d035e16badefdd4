package dev.lamina.ops;

import dev.lamina.Tensor;

/** Masks used by backward passes; constants, outside the graph. */
final class Sign {
  private Sign() {}

  /** {@code sign(x)}: -1, 0 or 1. */
  static Tensor of(Tensor x) {
    float[] in = Elementwise.values(x);
    float[] out = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = Math.signum(in[i]);
    }
    return Tensor.wrap(out, x.shape());
  }
}
