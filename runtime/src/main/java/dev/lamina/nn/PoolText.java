package dev.lamina.nn;

import dev.lamina.format.ConfigText;

/**
 * A pooling hyperparameter as PyTorch prints it: as it was given, a single number for
 * {@code MaxPool2d(2)} ({@code kernel_size=2}), a tuple for {@code MaxPool2d((2, 3))}
 * ({@code kernel_size=(2, 3)}), since pooling layers, unlike convolutions, keep what they were given.
 */
final class PoolText {
  private PoolText() {}

  static String of(int[] values) {
    return values.length == 1 ? String.valueOf(values[0]) : ConfigText.of(values);
  }
}
