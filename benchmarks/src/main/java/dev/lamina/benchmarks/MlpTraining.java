package dev.lamina.benchmarks;

import dev.lamina.Generator;
import dev.lamina.NoGrad;
import dev.lamina.Sequential;
import dev.lamina.Tensor;
import dev.lamina.Workspace;
import dev.lamina.loss.Losses;
import dev.lamina.nn.Linear;
import dev.lamina.nn.ReLU;
import dev.lamina.optim.SGD;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One SGD step of a 784-256-256-10 MLP with ReLU (forward, cross-entropy, backward, step, zero
 * grad), the same step in a {@link Workspace} step (its activations and gradients in arrays kept
 * from the step before), and the forward alone under no-grad.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MlpTraining {
  @Param({"64", "256"})
  public int batch;

  private Sequential model;
  private SGD optimizer;
  private Tensor images;
  private int[] labels;
  private final Workspace workspace = new Workspace();

  @Setup
  public void setUp() {
    Generator.manualSeed(0);
    model = new Sequential(Linear.create(784, 256), ReLU.create(), Linear.create(256, 256),
        ReLU.create(), Linear.create(256, 10));
    optimizer = new SGD(model.parameters(), 0.01f);
    images = Tensor.rand(batch, 784);
    labels = new int[batch];
    Generator generator = new Generator(1);
    for (int i = 0; i < batch; i++) {
      labels[i] = generator.nextInt(10);
    }
  }

  @Benchmark
  public Tensor step() {
    Tensor loss = Losses.crossEntropy(model.forward(images), labels);
    loss.backward();
    optimizer.step();
    optimizer.zeroGrad();
    return loss;
  }

  @Benchmark
  public float stepInWorkspace() {
    try (Workspace.Step ignored = workspace.enter()) {
      Tensor loss = Losses.crossEntropy(model.forward(images), labels);
      loss.backward();
      optimizer.step();
      optimizer.zeroGrad();
      return loss.item();
    }
  }

  @Benchmark
  public Tensor forward() {
    try (NoGrad ignored = NoGrad.enter()) {
      return model.forward(images);
    }
  }
}
