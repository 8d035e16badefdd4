package dev.lamina.spark.train;

import dev.lamina.Generator;
import dev.lamina.spark.nn.SeedMixer;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which samples make each global batch: every epoch is a permutation of the sample indices
 * {@code 0 .. n-1} drawn from {@code (seed, epoch)}, cut into batches of {@code batchSize} (the
 * last one may be shorter). Global step {@code g} is batch {@code g % stepsPerEpoch} of epoch
 * {@code g / stepsPerEpoch}. It depends on nothing else, so the driver, every executor and a
 * single-JVM run agree on it.
 */
public final class BatchSchedule implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Inverse permutations kept per JVM, so that each executor computes an epoch's once. */
  private static final Map<String, int[]> POSITIONS = new LinkedHashMap<>(4, 0.75f, true);

  private final int sampleCount;
  private final int batchSize;
  private final long seed;

  /** The schedule of {@code sampleCount} samples in batches of {@code batchSize}. */
  public BatchSchedule(long sampleCount, int batchSize, long seed) {
    if (sampleCount <= 0 || sampleCount > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("BatchSchedule: sample count must be in [1, "
          + (Integer.MAX_VALUE - 8) + "], but it is " + sampleCount);
    }
    if (batchSize <= 0) {
      throw new IllegalArgumentException("BatchSchedule: batch size must be positive, but it is "
          + batchSize);
    }
    this.sampleCount = (int) sampleCount;
    this.batchSize = batchSize;
    this.seed = seed;
  }

  /** The number of steps in one epoch. */
  public int stepsPerEpoch() {
    return (sampleCount + batchSize - 1) / batchSize;
  }

  /** The epoch (from 0) that global step {@code step} is in. */
  public long epoch(long step) {
    return step / stepsPerEpoch();
  }

  /** The first position in its epoch's permutation of step {@code step}'s batch. */
  public int batchStart(long step) {
    return (int) (step % stepsPerEpoch()) * batchSize;
  }

  /** One past the last position in its epoch's permutation of step {@code step}'s batch. */
  public int batchEnd(long step) {
    return Math.min(batchStart(step) + batchSize, sampleCount);
  }

  /** The number of samples in step {@code step}'s batch. */
  public int batchSize(long step) {
    return batchEnd(step) - batchStart(step);
  }

  /** The sample indices of epoch {@code epoch} in the order it visits them. */
  public int[] order(long epoch) {
    return new Generator(SeedMixer.mix(seed, epoch)).permutation(sampleCount);
  }

  /** The sample indices of step {@code step}'s batch, in batch order. */
  public int[] batch(long step) {
    int[] order = order(epoch(step));
    int start = batchStart(step);
    int[] batch = new int[batchEnd(step) - start];
    System.arraycopy(order, start, batch, 0, batch.length);
    return batch;
  }

  /**
   * For each sample index, its position in epoch {@code epoch}'s order (the inverse permutation),
   * computed once per JVM and epoch; callers must not modify it.
   */
  int[] positions(long epoch) {
    String key = sampleCount + "/" + batchSize + "/" + seed + "/" + epoch;
    synchronized (POSITIONS) {
      int[] positions = POSITIONS.get(key);
      if (positions != null) {
        return positions;
      }
    }
    int[] order = order(epoch);
    int[] positions = new int[order.length];
    for (int p = 0; p < order.length; p++) {
      positions[order[p]] = p;
    }
    synchronized (POSITIONS) {
      POSITIONS.put(key, positions);
      while (POSITIONS.size() > 4) {
        POSITIONS.remove(POSITIONS.keySet().iterator().next());
      }
    }
    return positions;
  }
}
