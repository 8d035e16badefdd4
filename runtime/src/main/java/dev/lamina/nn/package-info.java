/**
 * Lamina's built-in layers, each an {@code @Layer} class made exactly as a user's would be, with a
 * static {@code create(...)} taking PyTorch's arguments in PyTorch's order, PyTorch's state-dict
 * names and its printed form: {@link dev.lamina.nn.Linear}, {@link dev.lamina.nn.LazyLinear},
 * activations ({@link dev.lamina.nn.ReLU}, {@link dev.lamina.nn.LeakyReLU},
 * {@link dev.lamina.nn.GELU}, ...), {@link dev.lamina.nn.Flatten}, {@link dev.lamina.nn.Unflatten},
 * {@link dev.lamina.nn.Identity} and {@link dev.lamina.nn.Dropout}.
 *
 * <p>For images: {@link dev.lamina.nn.Conv1d}, {@link dev.lamina.nn.Conv2d},
 * {@link dev.lamina.nn.MaxPool2d}, {@link dev.lamina.nn.AvgPool2d},
 * {@link dev.lamina.nn.AdaptiveAvgPool2d}, {@link dev.lamina.nn.BatchNorm1d} and
 * {@link dev.lamina.nn.BatchNorm2d}. For text and sequences: {@link dev.lamina.nn.Embedding},
 * {@link dev.lamina.nn.LayerNorm}, {@link dev.lamina.nn.MultiheadAttention},
 * {@link dev.lamina.nn.TransformerEncoderLayer}, {@link dev.lamina.nn.GRU} and
 * {@link dev.lamina.nn.LSTM}.
 */
package dev.lamina.nn;
