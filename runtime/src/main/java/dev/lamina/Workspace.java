package dev.lamina;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Memory for the activations and gradients of a training step, kept and reused from one step to
 * the next: after the first step, a step that repeats the same ops on the same shapes allocates
 * none of its arrays.
 *
 * <pre>{@code
 * Workspace workspace = new Workspace();
 * for (Batch batch : batches) {
 *   try (Workspace.Step step = workspace.enter()) {
 *     Tensor loss = Losses.crossEntropy(model.forward(batch.images()), batch.labels());
 *     loss.backward();
 *     optimizer.step();
 *     optimizer.zeroGrad();
 *     total += loss.item();              // read inside the step
 *   }
 * }
 * }</pre>
 *
 * <p>Every tensor an op computes while a step is open belongs to that step, as does every view of
 * it: once the step closes, its memory serves the next step, and reading such a tensor throws an
 * {@link IllegalStateException} that says so, never another step's values. {@link Tensor#copy()}
 * inside the step keeps a value beyond it. Parameters, buffers, gradients of leaves, optimizer
 * state and tensors made with {@link Tensor#of}, {@link Tensor#zeros} and the other factories are
 * never the step's: they live as without a workspace.
 *
 * <p>The arrays are handed out in the order the ops ask for them: the {@code k}-th array a step
 * asks for is the {@code k}-th of the previous step when its length is the same, else a new one
 * that takes its place. A step with other shapes (a last, smaller batch) therefore allocates, and
 * the workspace holds at most the arrays of its largest step ({@link #bytes()}).
 *
 * <p>A workspace serves one thread at a time and one step at a time; a thread has at most one step
 * open. Ops that run outside any step allocate as usual.
 */
public final class Workspace {
  private static final ThreadLocal<Workspace> OPEN = new ThreadLocal<>();
  /** Steps open on any thread: while there is none, ops skip the thread-local lookup. */
  private static final AtomicInteger OPEN_STEPS = new AtomicInteger();

  private final List<float[]> arrays = new ArrayList<>();
  private int next;
  private Step step;

  /** An empty workspace; it fills during the first step. */
  public Workspace() {}

  /**
   * Opens a step on this thread: from now until {@link Step#close()}, the arrays of the tensors
   * ops compute on this thread come from this workspace.
   *
   * @throws IllegalStateException when this workspace has a step open, or this thread has a step
   *     of any workspace open
   */
  public synchronized Step enter() {
    if (step != null) {
      throw new IllegalStateException(
          "Workspace.enter: this workspace already has a step open; close it first");
    }
    if (OPEN.get() != null) {
      throw new IllegalStateException(
          "Workspace.enter: this thread already has a step of another workspace open; steps do"
              + " not nest");
    }
    next = 0;
    step = new Step(this);
    OPEN.set(this);
    OPEN_STEPS.incrementAndGet();
    return step;
  }

  /** The bytes of the arrays this workspace holds for its steps. */
  public synchronized long bytes() {
    long total = 0;
    for (float[] a : arrays) {
      total += 4L * a.length;
    }
    return total;
  }

  /**
   * A zeroed array of {@code n} floats, as {@code new float[n]}: from the step open on this thread
   * if there is one, else new.
   *
   * <p>Internal: for ops, for the arrays of the tensors they return and of what they keep for
   * backward.
   */
  public static float[] floats(int n) {
    float[] a = reused(n);
    if (a == null) {
      return new float[n];
    }
    java.util.Arrays.fill(a, 0f);
    return a;
  }

  /**
   * An array of {@code n} floats whose every element the caller writes before anything reads it:
   * from the step open on this thread (holding an earlier step's values) if there is one, else new.
   *
   * <p>Internal: for ops whose output is written whole, such as a product with {@code beta = 0} or
   * an element-wise map.
   */
  public static float[] floatsToOverwrite(int n) {
    float[] a = reused(n);
    return a != null ? a : new float[n];
  }

  /** The step open on this thread, or {@code null}: the step a tensor computed now belongs to. */
  static Step openStep() {
    Workspace open = open();
    return open == null ? null : open.step;
  }

  /** The workspace with a step open on this thread, or {@code null}. */
  private static Workspace open() {
    return OPEN_STEPS.get() == 0 ? null : OPEN.get();
  }

  private static float[] reused(int n) {
    Workspace open = n == 0 ? null : open();
    return open == null ? null : open.take(n);
  }

  /** The next array of this step, of length {@code n}: the previous step's when it fits. */
  private float[] take(int n) {
    int k = next++;
    if (k < arrays.size()) {
      float[] a = arrays.get(k);
      if (a.length == n) {
        return a;
      }
      float[] fresh = new float[n];
      arrays.set(k, fresh);
      return fresh;
    }
    float[] fresh = new float[n];
    arrays.add(fresh);
    return fresh;
  }

  private synchronized void close(Step closing) {
    if (step != closing) {
      return;
    }
    closing.closed = true;
    step = null;
    OPEN.remove();
    OPEN_STEPS.decrementAndGet();
  }

  /**
   * An open step of a {@link Workspace}; closing it ends the life of every tensor ops computed in
   * it. Close it on the thread that opened it.
   */
  public static final class Step implements AutoCloseable {
    private final Workspace workspace;
    private volatile boolean closed;

    private Step(Workspace workspace) {
      this.workspace = workspace;
    }

    /** Whether this step has closed, so that the tensors computed in it can no longer be read. */
    public boolean isClosed() {
      return closed;
    }

    /**
     * Ends the step: its arrays serve the next step, and the tensors computed in it can no longer
     * be read. Closing twice does nothing.
     *
     * @throws IllegalStateException on another thread than the one that opened it
     */
    @Override
    public void close() {
      if (closed) {
        return;
      }
      if (OPEN.get() != workspace) {
        throw new IllegalStateException(
            "Workspace.Step.close: the step was opened on another thread; close it there");
      }
      workspace.close(this);
    }
  }
}
