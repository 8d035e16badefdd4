package dev.lamina.kernels;

/** A function of two floats: the body of a binary element-wise op, run by {@link BinaryKernel}. */
@FunctionalInterface
public interface FloatBinaryOperator {
  /** The result for one pair of elements. */
  float apply(float a, float b);
}
