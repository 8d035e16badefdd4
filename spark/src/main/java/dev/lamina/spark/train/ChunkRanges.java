package dev.lamina.spark.train;

import java.io.Serializable;

/**
 * The flat parameters cut into {@code count} contiguous chunks of nearly equal length: chunk
 * {@code k} is {@code [k * length / count, (k + 1) * length / count)}.
 */
record ChunkRanges(int length, int count) implements Serializable {
  ChunkRanges {
    if (count <= 0 || count > Math.max(1, length)) {
      throw new IllegalArgumentException("cannot cut " + length + " values into " + count
          + " chunks; there must be between 1 and " + Math.max(1, length));
    }
  }

  /** The first value of chunk {@code k}. */
  int start(int k) {
    return (int) ((long) k * length / count);
  }

  /** One past the last value of chunk {@code k}. */
  int end(int k) {
    return (int) ((long) (k + 1) * length / count);
  }

  /** The number of values of chunk {@code k}. */
  int size(int k) {
    return end(k) - start(k);
  }
}
