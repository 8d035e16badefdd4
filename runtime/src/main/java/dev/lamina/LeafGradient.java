package dev.lamina;

/**
 * A leaf's gradient buffer handed to an op's backward, so that large gradients (a weight's) are
 * written where they end up instead of being allocated and then copied or added by autograd.
 *
 * <p>Write the contribution with {@link #beta()}: 0 means the buffer holds nothing yet and must be
 * overwritten, 1 means add to it. Then call {@link #written()}. Obtain, write and mark one buffer
 * at a time: the same leaf may be several inputs of one op.
 */
public final class LeafGradient {
  private final Tensor leaf;
  private final Tensor buffer;

  LeafGradient(Tensor leaf, Tensor buffer) {
    this.leaf = leaf;
    this.buffer = buffer;
  }

  /** 0 to overwrite the buffer, 1 to add to it. */
  public float beta() {
    return leaf.isGradCleared() ? 0f : 1f;
  }

  /** The buffer's row-major storage. */
  public float[] storage() {
    return buffer.storage();
  }

  /** Where the buffer starts in {@link #storage()}. */
  public int offset() {
    return buffer.storageOffset();
  }

  /** Records that the contribution has been written. */
  public void written() {
    leaf.markGradWritten();
  }
}
