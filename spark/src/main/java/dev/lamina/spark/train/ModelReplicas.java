package dev.lamina.spark.train;

import dev.lamina.Module;
import dev.lamina.spark.io.ModelBytes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Copies of a model kept in an executor's JVM between tasks, so that each is rebuilt once per
 * executor thread rather than once per step. A task borrows one, loads the step's weights into it,
 * and gives it back; tasks running at the same time get different copies, since a module's
 * gradients are not shared state. Only the copies of the last few runs are kept.
 */
public final class ModelReplicas {
  private static final int RUNS_KEPT = 4;
  private static final Map<String, Deque<Module>> IDLE = new LinkedHashMap<>(8, 0.75f, true);

  private ModelReplicas() {}

  /** An idle copy of run {@code runId}'s model, or a new one rebuilt from {@code modelBytes}. */
  public static Module borrow(String runId, Supplier<byte[]> modelBytes) {
    synchronized (IDLE) {
      Deque<Module> idle = IDLE.get(runId);
      if (idle != null && !idle.isEmpty()) {
        return idle.pop();
      }
    }
    return ModelBytes.rebuild(modelBytes.get());
  }

  /** Returns a copy borrowed for run {@code runId}. */
  public static void giveBack(String runId, Module replica) {
    synchronized (IDLE) {
      IDLE.computeIfAbsent(runId, id -> new ArrayDeque<>()).push(replica);
      while (IDLE.size() > RUNS_KEPT) {
        IDLE.remove(IDLE.keySet().iterator().next());
      }
    }
  }
}
