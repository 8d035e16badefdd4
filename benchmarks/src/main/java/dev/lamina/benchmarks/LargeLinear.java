package dev.lamina.benchmarks;

import dev.lamina.Generator;
import dev.lamina.NoGrad;
import dev.lamina.Sequential;
import dev.lamina.Tensor;
import dev.lamina.nn.Linear;
import dev.lamina.nn.ReLU;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** {@code Linear(1024, 1024)} and ReLU on a {@code [512, 1024]} batch, inference: held against raw sgemm. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LargeLinear {
  private Sequential layer;
  private Tensor batch;

  @Setup
  public void setUp() {
    Generator.manualSeed(0);
    layer = new Sequential(Linear.create(1024, 1024), ReLU.create());
    batch = Tensor.rand(512, 1024);
  }

  @Benchmark
  public Tensor linear1024() {
    try (NoGrad ignored = NoGrad.enter()) {
      return layer.forward(batch);
    }
  }
}
