package dev.lamina.benchmarks;

import dev.lamina.blas.Blas;
import java.util.Random;
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
 * The sgemm floor of a {@link ConvLayers} convolution: its multiply-adds in raw {@code sgemm} on
 * preallocated buffers, with {@code K = in·k·k} and {@code P = outH·outW}: forward
 * {@code W[out, K] · columns[K, P]}, weight gradient {@code G[out, P] · columnsᵀ}, and, when the
 * input needs a gradient, {@code Wᵀ · G} into the column gradient. No unfolding, folding, bias or
 * copying: what no convolution can avoid. Two arrangements: the whole batch as one product each
 * ({@link #products}), and image by image ({@link #perImageProducts}), which on these small
 * layers is the faster, its operands staying in cache; the floor is the faster.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ConvFloor {
  /** A convolution of the {@code cnn} model: channels, square kernel and square input size. */
  record Shape(int in, int out, int kernel, int size, boolean inputNeedsGrad) {
    static Shape of(String layer) {
      return switch (layer) {
        case "conv1" -> new Shape(1, 8, 5, 28, false);
        case "conv2" -> new Shape(8, 16, 5, 12, true);
        default -> throw new IllegalArgumentException("unknown layer " + layer);
      };
    }
  }

  @Param({"conv1", "conv2"})
  public String layer;

  private Shape shape;
  private int rows;
  private int positions;
  private float[] weight;
  private float[] columns;
  private float[] output;
  private float[] weightGradient;
  private float[] columnGradient;

  @Setup
  public void setUp() {
    shape = Shape.of(layer);
    int outSize = shape.size() - shape.kernel() + 1;
    rows = shape.in() * shape.kernel() * shape.kernel();
    positions = 64 * outSize * outSize;
    Random random = new Random(0);
    weight = Buffers.random(shape.out() * rows, random);
    columns = Buffers.random(rows * positions, random);
    output = Buffers.random(shape.out() * positions, random);
    weightGradient = new float[shape.out() * rows];
    columnGradient = new float[rows * positions];
  }

  @Benchmark
  public float[] products() {
    int out = shape.out();
    Blas.gemm(out, positions, rows, weight, 0, rows, false, columns, 0, positions, false, 0f,
        output, 0, positions);
    Blas.gemm(out, rows, positions, output, 0, positions, false, columns, 0, positions, true, 0f,
        weightGradient, 0, rows);
    if (shape.inputNeedsGrad()) {
      Blas.gemm(rows, positions, out, weight, 0, rows, true, output, 0, positions, false, 0f,
          columnGradient, 0, positions);
    }
    return weightGradient;
  }

  /** The same products image by image, each on operands that stay in cache. */
  @Benchmark
  public float[] perImageProducts() {
    int out = shape.out();
    int each = positions / 64;
    for (int n = 0; n < 64; n++) {
      Blas.gemm(out, each, rows, weight, 0, rows, false, columns, 0, each, false, 0f, output,
          0, each);
      Blas.gemm(out, rows, each, output, 0, each, false, columns, 0, each, true, 1f,
          weightGradient, 0, rows);
      if (shape.inputNeedsGrad()) {
        Blas.gemm(rows, each, out, weight, 0, rows, true, output, 0, each, false, 0f,
            columnGradient, 0, each);
      }
    }
    return weightGradient;
  }
}
