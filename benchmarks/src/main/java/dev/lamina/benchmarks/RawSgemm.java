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
 * Raw {@code sgemm} on preallocated buffers: the machine's limit that the layers are held against.
 *
 * <p>{@code sgemm1024} is the product of {@code Linear(1024, 1024)} on a {@code [512, 1024]} batch.
 * {@code mlpStepFloor} is every product of one training step of the 784-256-256-10 MLP (three
 * forward, three weight gradients, two input gradients), at the batch size given.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RawSgemm {
  @Param({"64"})
  public int batch;

  private float[] x1024;
  private float[] w1024;
  private float[] y1024;
  private float[][] buffers;

  @Setup
  public void setUp() {
    Random random = new Random(0);
    x1024 = fill(new float[512 * 1024], random);
    w1024 = fill(new float[1024 * 1024], random);
    y1024 = new float[512 * 1024];
    int[] widths = {784, 256, 256, 10};
    buffers = new float[12][];
    for (int layer = 0; layer < 3; layer++) {
      int in = widths[layer];
      int out = widths[layer + 1];
      buffers[layer] = fill(new float[batch * in], random); // layer input
      buffers[3 + layer] = fill(new float[out * in], random); // weight [out, in]
      buffers[6 + layer] = fill(new float[batch * out], random); // output / its gradient
      buffers[9 + layer] = new float[out * in]; // weight gradient
    }
  }

  @Benchmark
  public float[] sgemm1024() {
    // y = x · wᵀ, the layout of nn.Linear.
    Blas.gemm(512, 1024, 1024, x1024, 0, 1024, false, w1024, 0, 1024, true, 0f, y1024, 0, 1024);
    return y1024;
  }

  @Benchmark
  public float[] mlpStepFloor() {
    int[] widths = {784, 256, 256, 10};
    for (int layer = 0; layer < 3; layer++) {
      int in = widths[layer];
      int out = widths[layer + 1];
      // forward: y[batch, out] = x[batch, in] · Wᵀ
      Blas.gemm(batch, out, in, buffers[layer], 0, in, false, buffers[3 + layer], 0, in, true, 0f,
          buffers[6 + layer], 0, out);
    }
    for (int layer = 2; layer >= 0; layer--) {
      int in = widths[layer];
      int out = widths[layer + 1];
      // dW[out, in] = gᵀ · x
      Blas.gemm(out, in, batch, buffers[6 + layer], 0, out, true, buffers[layer], 0, in, false, 0f,
          buffers[9 + layer], 0, in);
      if (layer > 0) {
        // dx[batch, in] = g · W
        Blas.gemm(batch, in, out, buffers[6 + layer], 0, out, false, buffers[3 + layer], 0, in,
            false, 0f, buffers[layer], 0, in);
      }
    }
    return buffers[9];
  }

  private static float[] fill(float[] values, Random random) {
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextFloat() - 0.5f;
    }
    return values;
  }
}
