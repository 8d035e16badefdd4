package dev.lamina.benchmarks;

import dev.lamina.Generator;
import dev.lamina.NoGrad;
import dev.lamina.Tensor;
import dev.lamina.Workspace;
import dev.lamina.nn.Embedding;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * An embedding lookup of 4,096 tokens ([64, 64] ids) into a 10,000 x 64 table, forward alone and
 * forward with backward into the table's gradient: the case that took 0.6 to 3.3 s with one
 * {@code select} per token.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EmbeddingLookup {
  private Embedding embedding;
  private Tensor ids;
  private final Workspace workspace = new Workspace();

  @Setup
  public void setUp() {
    Generator.manualSeed(0);
    embedding = Embedding.create(10_000, 64);
    Generator generator = new Generator(1);
    long[] values = new long[4096];
    for (int i = 0; i < values.length; i++) {
      values[i] = generator.nextInt(10_000);
    }
    ids = Tensor.ofLongs(values, 64, 64);
  }

  @Benchmark
  @SuppressWarnings("try") // the no-grad scope is used for its effect, not referenced
  public Tensor forward() {
    try (NoGrad off = NoGrad.enter()) {
      return embedding.forward(ids);
    }
  }

  @Benchmark
  public Tensor forwardAndBackward() {
    Tensor out = embedding.forward(ids);
    out.sum().backward();
    embedding.zeroGrad();
    return out;
  }

  /** {@link #forward} inside a workspace step: the output's array is the step before's. */
  @Benchmark
  @SuppressWarnings("try")
  public void forwardInWorkspace(Blackhole blackhole) {
    try (Workspace.Step step = workspace.enter(); NoGrad off = NoGrad.enter()) {
      blackhole.consume(embedding.forward(ids));
    }
  }

  /** {@link #forwardAndBackward} inside a workspace step. */
  @Benchmark
  @SuppressWarnings("try")
  public void forwardAndBackwardInWorkspace(Blackhole blackhole) {
    try (Workspace.Step step = workspace.enter()) {
      Tensor out = embedding.forward(ids);
      out.sum().backward();
      embedding.zeroGrad();
      blackhole.consume(out);
    }
  }
}
