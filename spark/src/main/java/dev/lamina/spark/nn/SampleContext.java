package dev.lamina.spark.nn;

import java.util.Arrays;

/**
 * Which samples the rows of the batch being computed on this thread are, and at which training
 * step: what {@link SampleDropout} seeds its masks from, so that a sample's mask does not depend on
 * which batch, shard or partition it was computed in.
 *
 * <pre>{@code
 * try (SampleContext ignored = SampleContext.enter(step, new long[] {17, 3, 42})) {
 *   Tensor loss = Losses.crossEntropy(model.forward(x), labels);   // x has 3 rows
 * }
 * }</pre>
 *
 * <p>Scopes are per thread; an inner scope hides the outer one until it is closed.
 */
public final class SampleContext implements AutoCloseable {
  private static final ThreadLocal<SampleContext> CURRENT = new ThreadLocal<>();

  private final long step;
  private final long[] sampleIndices;
  private final SampleContext outer;
  private boolean closed;

  private SampleContext(long step, long[] sampleIndices, SampleContext outer) {
    this.step = step;
    this.sampleIndices = sampleIndices;
    this.outer = outer;
  }

  /**
   * Row {@code i} of the next batches computed on this thread is sample
   * {@code sampleIndices[i]}.
   */
  public static SampleContext enter(long step, long[] sampleIndices) {
    SampleContext context = new SampleContext(step, sampleIndices.clone(), CURRENT.get());
    CURRENT.set(context);
    return context;
  }

  /** The innermost open scope on this thread, or null. */
  public static SampleContext current() {
    return CURRENT.get();
  }

  /** The training step. */
  public long step() {
    return step;
  }

  /** The number of rows. */
  public int rows() {
    return sampleIndices.length;
  }

  /** The sample that row {@code row} is. */
  public long sampleIndex(int row) {
    return sampleIndices[row];
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      CURRENT.set(outer);
    }
  }

  @Override
  public String toString() {
    return "SampleContext(step=" + step + ", samples=" + Arrays.toString(sampleIndices) + ")";
  }
}
