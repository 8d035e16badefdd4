package dev.lamina.benchmarks;

import dev.lamina.Generator;
import dev.lamina.Module;
import dev.lamina.Sequential;
import dev.lamina.Tensor;
import dev.lamina.examples.chapter.CenteredLayer;
import dev.lamina.examples.chapter.MyLinear;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The chapter's small layers, forward only, as a user calls them (gradients recorded, since their
 * parameters require them): where per-call overhead is everything.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SmallLayers {
  private Module centered;
  private Tensor five;
  private Module myLinear;
  private Tensor twoByFive;
  private Module sequential;
  private Tensor twoBy64;

  @Setup
  public void setUp() {
    Generator.manualSeed(0);
    centered = new CenteredLayer();
    five = Tensor.of(1, 2, 3, 4, 5);
    myLinear = MyLinear.create(5, 3);
    twoByFive = Tensor.rand(2, 5);
    sequential = new Sequential(MyLinear.create(64, 8), MyLinear.create(8, 1));
    twoBy64 = Tensor.rand(2, 64);
  }

  @Benchmark
  public Tensor centered() {
    return centered.forward(five);
  }

  @Benchmark
  public Tensor mylinear() {
    return myLinear.forward(twoByFive);
  }

  @Benchmark
  public Tensor seq() {
    return sequential.forward(twoBy64);
  }
}
