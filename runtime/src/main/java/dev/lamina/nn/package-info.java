/**
 * Lamina's built-in layers, each an {@code @Layer} class made exactly as a user's would be, with a
 * static {@code create(...)}: {@link dev.lamina.nn.Linear}, {@link dev.lamina.nn.LazyLinear},
 * activations, {@link dev.lamina.nn.Flatten} and {@link dev.lamina.nn.Dropout}.
 */
package dev.lamina.nn;
