package dev.lamina.benchmarks;

import java.util.Random;

/** Operands for the raw BLAS benchmarks. */
final class Buffers {
  private Buffers() {}

  /** {@code length} values uniform in [-0.5, 0.5). */
  static float[] random(int length, Random random) {
    float[] values = new float[length];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextFloat() - 0.5f;
    }
    return values;
  }
}
