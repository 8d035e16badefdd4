package dev.lamina.benchmarks;

import dev.lamina.Generator;
import dev.lamina.Tensor;
import dev.lamina.Workspace;
import dev.lamina.nn.Conv2d;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The {@code cnn} model's two convolutions at batch 64, forward and backward as training runs
 * them: {@code conv1} is {@code Conv2d(1, 8, 5)} on {@code [64, 1, 28, 28]} (the input needs no
 * gradient), {@code conv2} is {@code Conv2d(8, 16, 5)} on {@code [64, 8, 12, 12]} (it does). The
 * output gradient is all ones. {@link ConvFloor} holds the same products in raw {@code sgemm}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ConvLayers {
  @Param({"conv1", "conv2"})
  public String layer;

  private Conv2d conv;
  private Tensor input;
  private Tensor outputGradient;
  private final Workspace workspace = new Workspace();

  @Setup
  public void setUp() {
    Generator.manualSeed(0);
    ConvFloor.Shape shape = ConvFloor.Shape.of(layer);
    conv = Conv2d.create(shape.in(), shape.out(), shape.kernel());
    input = Tensor.rand(64, shape.in(), shape.size(), shape.size());
    if (shape.inputNeedsGrad()) {
      input.requiresGrad(true);
    }
    int outSize = shape.size() - shape.kernel() + 1;
    outputGradient = Tensor.ones(64, shape.out(), outSize, outSize);
  }

  @Benchmark
  public Tensor forwardAndBackward() {
    Tensor out = conv.forward(input);
    out.backward(outputGradient);
    conv.zeroGrad();
    input.setGrad(null);
    return out;
  }

  /**
   * {@link #forwardAndBackward} inside a workspace step, as {@code train-mnist} runs its layers: the
   * output, the columns and the gradients' arrays are the step before's.
   */
  @Benchmark
  public void forwardAndBackwardInWorkspace(Blackhole blackhole) {
    try (Workspace.Step step = workspace.enter()) {
      blackhole.consume(forwardAndBackward());
    }
  }
}
