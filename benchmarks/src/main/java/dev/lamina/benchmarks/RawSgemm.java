package dev.lamina.benchmarks;

import dev.lamina.blas.Blas;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Raw {@code sgemm} on preallocated buffers, the machine's limit that {@code linear1024} is held
 * against: the product of {@code Linear(1024, 1024)} on a {@code [512, 1024]} batch.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RawSgemm {
  private float[] x;
  private float[] w;
  private float[] y;

  @Setup
  public void setUp() {
    Random random = new Random(0);
    x = Buffers.random(512 * 1024, random);
    w = Buffers.random(1024 * 1024, random);
    y = new float[512 * 1024];
  }

  @Benchmark
  public float[] sgemm1024() {
    // y = x · wᵀ, the layout of nn.Linear.
    Blas.gemm(512, 1024, 1024, x, 0, 1024, false, w, 0, 1024, true, 0f, y, 0, 1024);
    return y;
  }
}
