/**
 * Internal: the loops, shape arithmetic and BLAS calls behind the ops in {@link dev.lamina.ops}.
 *
 * <p>Nothing here is Lamina's API. The classes are public only because the ops live in another
 * package; they may change or go in any release. Use {@link dev.lamina.Tensor}'s methods instead.
 */
package dev.lamina.kernels;
