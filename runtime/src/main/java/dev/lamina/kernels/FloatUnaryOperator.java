package dev.lamina.kernels;

/** A function of one float: the body of an element-wise op, run by {@link UnaryKernel}. */
@FunctionalInterface
public interface FloatUnaryOperator {
  /** The result for one element. */
  float apply(float v);
}
