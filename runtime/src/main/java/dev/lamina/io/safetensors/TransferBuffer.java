package dev.lamina.io.safetensors;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The direct, little-endian buffer through which the reader and the writer move tensor data
 * between a channel and arrays, one per thread and kept between files.
 *
 * <p>Kept because allocating it is not free: a new direct buffer is zeroed and, on these machines,
 * its first touch of each page costs a page fault of 13-24 µs, a quarter of a millisecond per
 * megabyte, paid on every save and load otherwise. Direct because a channel reads into a heap
 * buffer through a direct one of its own, one more copy. One megabyte because it stays in the
 * cache between the channel's copy and the array's; larger ones measured no faster.
 *
 * <pre>{@code
 * ByteBuffer buffer = TransferBuffer.take();
 * try {
 *   ...
 * } finally {
 *   TransferBuffer.give(buffer);
 * }
 * }</pre>
 */
final class TransferBuffer {
  /** Bytes per buffer: a multiple of 8, so that chunks hold whole elements of every type. */
  static final int BYTES = 1 << 20;

  private static final ThreadLocal<ByteBuffer[]> KEPT = ThreadLocal.withInitial(() -> new ByteBuffer[1]);

  private TransferBuffer() {}

  /**
   * This thread's buffer, cleared, or a new one when it is taken already (a channel that saves or
   * loads another file from inside {@code write}).
   */
  static ByteBuffer take() {
    ByteBuffer[] kept = KEPT.get();
    ByteBuffer buffer = kept[0];
    kept[0] = null;
    if (buffer == null) {
      buffer = ByteBuffer.allocateDirect(BYTES);
    }
    return buffer.clear().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Gives back a buffer from {@link #take}, to be the one the thread's next {@code take} returns. */
  static void give(ByteBuffer buffer) {
    KEPT.get()[0] = buffer;
  }
}
