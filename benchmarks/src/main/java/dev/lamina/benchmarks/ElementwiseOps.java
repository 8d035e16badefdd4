package dev.lamina.benchmarks;

import dev.lamina.Generator;
import dev.lamina.Tensor;
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
 * Forward passes of element-wise ops outside the graph (no operand requires a gradient): unary
 * maps and same-shape binary ops on {@code size} floats of random sign, and a row broadcast
 * {@code [size / 1024, 1024] + [1024]}. At 16K floats the operands stay in cache and the loop
 * itself is measured; at 1M the fresh output array's memory dominates.
 *
 * <p>Before measuring, every element-wise op runs on small tensors, as a model's forward and
 * backward do, so that code shared between ops is compiled having seen all of them rather than
 * only the one being measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ElementwiseOps {
  @Param({"16384", "1048576"})
  public int size;

  private Tensor x;
  private Tensor y;
  private Tensor matrix;
  private Tensor row;

  @Setup
  public void setUp() {
    Generator generator = new Generator(0);
    x = Tensor.randn(generator, size);
    y = Tensor.randn(generator, size);
    matrix = Tensor.randn(generator, size / 1024, 1024);
    row = Tensor.randn(generator, 1024);
    exerciseEveryOp(generator);
  }

  private static void exerciseEveryOp(Generator generator) {
    Tensor a = Tensor.rand(generator, 64, 64).add(0.5f);
    Tensor b = Tensor.rand(generator, 64, 64).add(0.5f);
    Tensor r = Tensor.rand(generator, 64);
    for (int i = 0; i < 3000; i++) {
      a.exp();
      a.log();
      a.sqrt();
      a.abs();
      a.relu();
      a.sigmoid();
      a.tanh();
      a.neg();
      a.pow(3f);
      a.add(b);
      a.sub(b);
      a.mul(b);
      a.div(b);
      a.add(r);
      a.mul(r);
      a.sub(2f);
      a.t().mul(b);
    }
  }

  @Benchmark
  public Tensor exp() {
    return x.exp();
  }

  @Benchmark
  public Tensor relu() {
    return x.relu();
  }

  @Benchmark
  public Tensor tanh() {
    return x.tanh();
  }

  @Benchmark
  public Tensor neg() {
    return x.neg();
  }

  @Benchmark
  public Tensor abs() {
    return x.abs();
  }

  @Benchmark
  public Tensor add() {
    return x.add(y);
  }

  @Benchmark
  public Tensor mul() {
    return x.mul(y);
  }

  @Benchmark
  public Tensor addRowBroadcast() {
    return matrix.add(row);
  }
}
