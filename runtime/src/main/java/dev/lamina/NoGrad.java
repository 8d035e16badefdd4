package dev.lamina;

/**
 * A scope in which operations are not recorded for autograd, as {@code torch.no_grad()}.
 *
 * <pre>{@code
 * try (NoGrad ignored = NoGrad.enter()) {
 *   Tensor prediction = model.forward(x);   // no graph, no gradients
 * }
 * }</pre>
 *
 * <p>Scopes nest and are per thread.
 */
public final class NoGrad implements AutoCloseable {
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  private final int[] depth;
  private boolean closed;

  private NoGrad(int[] depth) {
    this.depth = depth;
  }

  /** Switches recording off on this thread until the returned scope is closed. */
  public static NoGrad enter() {
    int[] depth = DEPTH.get();
    depth[0]++;
    return new NoGrad(depth);
  }

  /** Whether operations on this thread are being recorded. */
  public static boolean isGradEnabled() {
    return DEPTH.get()[0] == 0;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      depth[0]--;
    }
  }
}
