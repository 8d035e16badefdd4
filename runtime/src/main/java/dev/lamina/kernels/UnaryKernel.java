package dev.lamina.kernels;

/**
 * The loop of a unary element-wise op, {@code out[i] = f(in[i])}, compiled for that op's
 * {@code f} alone. Make one per op, once, and keep it in a constant:
 *
 * <pre>{@code
 * private static final UnaryKernel EXP = UnaryKernel.of(v -> (float) Math.exp(v));
 * }</pre>
 */
public interface UnaryKernel {
  /** {@code out[i] = f(in[i])} for every {@code i < in.length}; {@code out} may be {@code in}. */
  void apply(float[] in, float[] out);

  /** The loop for {@code f}, in a class of its own (see {@link LoopCopies}). */
  static UnaryKernel of(FloatUnaryOperator f) {
    return LoopCopies.copy(UnaryLoop.class, FloatUnaryOperator.class, f);
  }
}
