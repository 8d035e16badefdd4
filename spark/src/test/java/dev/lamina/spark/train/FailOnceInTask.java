package dev.lamina.spark.train;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.spark.nn.SampleContext;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;

/**
 * The identity, except in the first attempt of the Spark task for partition 1 at step
 * {@code failAtStep}, where it throws: a task that dies mid-epoch, for Spark to retry.
 */
@Layer
abstract class FailOnceInTask extends Module {
  static final AtomicInteger FAILURES = new AtomicInteger();

  final int failAtStep;

  FailOnceInTask(int failAtStep) {
    this.failAtStep = failAtStep;
  }

  static FailOnceInTask create(int failAtStep) {
    return new Lamina_FailOnceInTask(failAtStep);
  }

  @Override
  public Tensor forward(Tensor x) {
    TaskContext task = TaskContext.get();
    SampleContext samples = SampleContext.current();
    if (task != null && samples != null && task.partitionId() == 1 && task.attemptNumber() == 0
        && samples.step() == failAtStep) {
      FAILURES.incrementAndGet();
      throw new IllegalStateException("injected failure in partition 1, step " + failAtStep);
    }
    return x;
  }
}
