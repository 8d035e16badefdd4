package dev.lamina.benchmarks;

import dev.lamina.Generator;
import dev.lamina.Sequential;
import dev.lamina.Tensor;
import dev.lamina.Workspace;
import dev.lamina.loss.Losses;
import dev.lamina.nn.Linear;
import dev.lamina.nn.ReLU;
import dev.lamina.optim.SGD;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs training steps of the 784-256-256-10 MLP (batch 64) and prints, as one JSON object, the
 * bytes this thread allocates per step and the heap in use after a full collection every 1,000
 * steps: a heap that is steady over the run holds nothing back from earlier steps. With
 * {@code workspace}, each step runs in a {@link Workspace} step.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.lamina.benchmarks.HeapSteadiness 10000
 * [workspace]}
 */
public final class HeapSteadiness {
  private HeapSteadiness() {}

  public static void main(String[] args) {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    boolean inWorkspace = args.length > 1 && args[1].equals("workspace");
    Workspace workspace = new Workspace();
    Generator.manualSeed(0);
    Sequential model = new Sequential(Linear.create(784, 256), ReLU.create(),
        Linear.create(256, 256), ReLU.create(), Linear.create(256, 10));
    SGD optimizer = new SGD(model.parameters(), 0.01);
    Tensor images = Tensor.rand(64, 784);
    int[] labels = new int[64];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % 10;
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    List<Long> heapAfterGc = new ArrayList<>();
    long allocatedBefore = 0;
    int measuredFrom = Math.min(1_000, steps / 2);
    for (int step = 1; step <= steps; step++) {
      if (step == measuredFrom + 1) {
        allocatedBefore = threads.getCurrentThreadAllocatedBytes();
      }
      try (Workspace.Step ignored = inWorkspace ? workspace.enter() : null) {
        Tensor loss = Losses.crossEntropy(model.forward(images), labels);
        loss.backward();
        optimizer.step();
        optimizer.zeroGrad();
      }
      if (step % 1_000 == 0) {
        System.gc();
        heapAfterGc.add(memory.getHeapMemoryUsage().getUsed());
      }
    }
    long perStep = (threads.getCurrentThreadAllocatedBytes() - allocatedBefore)
        / Math.max(1, steps - measuredFrom);
    System.out.println("{\"steps\": " + steps + ", \"workspace\": " + inWorkspace
        + ", \"bytes_allocated_per_step\": " + perStep
        + ", \"heap_after_gc_bytes\": " + heapAfterGc + "}");
  }
}
