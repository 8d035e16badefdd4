/**
 * Lamina's built-in layers, each an {@code @Layer} class made exactly as a user's would be, with a
 * static {@code create(...)}: {@link dev.lamina.nn.Linear}, {@link dev.lamina.nn.LazyLinear},
 * activations, {@link dev.lamina.nn.Flatten} and {@link dev.lamina.nn.Dropout}.
 *
 * <p>For images and sequences: {@link dev.lamina.nn.Conv1d}, {@link dev.lamina.nn.Conv2d},
 * {@link dev.lamina.nn.MaxPool2d}, {@link dev.lamina.nn.AvgPool2d} and
 * {@link dev.lamina.nn.AdaptiveAvgPool2d}.
 */
package dev.lamina.nn;
