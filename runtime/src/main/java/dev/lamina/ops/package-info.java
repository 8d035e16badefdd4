/**
 * The primitive ops, each a {@link dev.lamina.Function} with its forward ({@code apply}) and its
 * backward side by side, and the composites built from them.
 *
 * <p>Users reach them through {@link dev.lamina.Tensor}'s methods ({@code x.matmul(w)}, not
 * {@code MatMul.apply(x, w)}); the {@code apply} methods are public so that {@code Tensor} can call
 * them from its own package, and their signatures may change between releases.
 */
package dev.lamina.ops;
