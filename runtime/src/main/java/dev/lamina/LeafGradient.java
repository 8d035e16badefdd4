package dev.lamina;

/**
 * A leaf's gradient buffer handed to an op's backward, so that large gradients (a weight's) are
 * written where they end up instead of being allocated and then copied or added by autograd.
 *
 * <pre>{@code
 * LeafGradient target = leafGradient(1);
 * if (target != null) {
 *   target.write((storage, offset, beta) -> Gemm.multiply(..., beta, storage, offset, n));
 * }
 * }</pre>
 *
 * <p>The write runs under the leaf's lock, so backward passes on other threads that share the
 * leaf wait for it rather than lose a contribution. Obtain and write one buffer at a time: the same
 * leaf may be several inputs of one op.
 *
 * <p>Internal: public for the ops in {@link dev.lamina.ops}, not for users.
 */
public final class LeafGradient {
  /** Writes one contribution into a gradient buffer. */
  @FunctionalInterface
  public interface Contribution {
    /**
     * Writes the contribution into the buffer's row-major {@code storage} from {@code offset} on:
     * overwriting what is there when {@code beta} is 0 (the buffer holds no gradient yet), adding
     * to it when {@code beta} is 1.
     */
    void writeInto(float[] storage, int offset, float beta);
  }

  private final Tensor leaf;
  private final Tensor buffer;

  LeafGradient(Tensor leaf, Tensor buffer) {
    this.leaf = leaf;
    this.buffer = buffer;
  }

  /** Runs {@code contribution} on the buffer under the leaf's lock and records it as written. */
  public void write(Contribution contribution) {
    leaf.writeGrad(buffer, contribution);
  }
}
