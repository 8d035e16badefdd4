package dev.lamina.benchmarks;

import dev.lamina.Generator;
import dev.lamina.Sequential;
import dev.lamina.Tensor;
import dev.lamina.Workspace;
import dev.lamina.examples.mnist.MnistModel;
import dev.lamina.loss.Losses;
import dev.lamina.optim.Adam;
import java.util.Locale;
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
 * One training step of a {@code train-mnist} model at batch 64, as {@code train-mnist} runs it: in
 * training mode (dropout and batch statistics on), forward, cross-entropy, backward, an Adam step
 * at lr 1e-3 and zeroed gradients, on one batch of {@code [64, 28, 28]} pixels in [0, 1).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MnistSteps {
  @Param({"cnn", "lstm", "vit"})
  public String model;

  private Sequential network;
  private Adam optimizer;
  private Tensor images;
  private Tensor labels;
  private final Workspace workspace = new Workspace();

  @Setup
  public void setUp() {
    Generator.manualSeed(0);
    network = MnistModel.valueOf(model.toUpperCase(Locale.ROOT)).build();
    network.train();
    optimizer = new Adam(network.parameters(), 1e-3f);
    images = Tensor.rand(64, 28, 28);
    long[] values = new long[64];
    Generator generator = new Generator(1);
    for (int i = 0; i < values.length; i++) {
      values[i] = generator.nextInt(10);
    }
    labels = Tensor.ofLongs(values, 64);
  }

  @Benchmark
  public Tensor step() {
    Tensor loss = Losses.crossEntropy(network.forward(images), labels);
    loss.backward();
    optimizer.step();
    optimizer.zeroGrad();
    return loss;
  }

  /** The same step in a {@link Workspace} step, as train-mnist runs it. */
  @Benchmark
  public float stepInWorkspace() {
    try (Workspace.Step ignored = workspace.enter()) {
      Tensor loss = Losses.crossEntropy(network.forward(images), labels);
      loss.backward();
      optimizer.step();
      optimizer.zeroGrad();
      return loss.item();
    }
  }
}
