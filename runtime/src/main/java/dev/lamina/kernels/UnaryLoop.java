package dev.lamina.kernels;

/** The one unary loop, of which each op gets its own copy through {@link UnaryKernel#of}. */
final class UnaryLoop implements UnaryKernel {
  private final FloatUnaryOperator f;

  UnaryLoop(FloatUnaryOperator f) {
    this.f = f;
  }

  @Override
  public void apply(float[] in, float[] out) {
    for (int i = 0; i < in.length; i++) {
      out[i] = f.apply(in[i]);
    }
  }
}
