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
 * The floor of one training step of the 784-256-256-10 MLP, what the step cannot avoid: its matrix
 * products in raw {@code sgemm} on preallocated buffers, with the layouts the step uses (three
 * forward products {@code x · Wᵀ}, three weight gradients {@code gᵀ · x}, two input gradients
 * {@code g · W}), and one streaming pass of the update {@code w -= lr · g} over all 269,322
 * parameters (weights and biases). {@link #floor} is both; {@link #products} and {@link #update}
 * are its parts.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MlpStepFloor {
  private static final int[] WIDTHS = {784, 256, 256, 10};

  @Param({"64", "256"})
  public int batch;

  private final float[][] inputs = new float[3][];
  private final float[][] weights = new float[3][];
  private final float[][] outputs = new float[3][];
  private final float[][] weightGradients = new float[3][];
  private final float[][] biases = new float[3][];
  private final float[][] biasGradients = new float[3][];

  @Setup
  public void setUp() {
    Random random = new Random(0);
    for (int layer = 0; layer < 3; layer++) {
      int in = WIDTHS[layer];
      int out = WIDTHS[layer + 1];
      inputs[layer] = Buffers.random(batch * in, random);
      weights[layer] = Buffers.random(out * in, random);
      outputs[layer] = Buffers.random(batch * out, random);
      weightGradients[layer] = Buffers.random(out * in, random);
      biases[layer] = Buffers.random(out, random);
      biasGradients[layer] = Buffers.random(out, random);
    }
  }

  @Benchmark
  public float[] floor() {
    products();
    return update();
  }

  /** {@code w -= lr · g} over every weight and bias, as plain SGD's loop. */
  @Benchmark
  public float[] update() {
    float lr = 1e-6f; // small, so that repeated runs leave the weights finite
    for (int layer = 0; layer < 3; layer++) {
      axpy(-lr, weightGradients[layer], weights[layer]);
      axpy(-lr, biasGradients[layer], biases[layer]);
    }
    return weights[0];
  }

  private static void axpy(float a, float[] x, float[] y) {
    for (int i = 0; i < y.length; i++) {
      y[i] += a * x[i];
    }
  }

  @Benchmark
  public float[] products() {
    for (int layer = 0; layer < 3; layer++) {
      int in = WIDTHS[layer];
      int out = WIDTHS[layer + 1];
      Blas.gemm(batch, out, in, inputs[layer], 0, in, false, weights[layer], 0, in, true, 0f,
          outputs[layer], 0, out);
    }
    for (int layer = 2; layer >= 0; layer--) {
      int in = WIDTHS[layer];
      int out = WIDTHS[layer + 1];
      Blas.gemm(out, in, batch, outputs[layer], 0, out, true, inputs[layer], 0, in, false, 0f,
          weightGradients[layer], 0, in);
      if (layer > 0) {
        Blas.gemm(batch, in, out, outputs[layer], 0, out, false, weights[layer], 0, in, false, 0f,
            inputs[layer], 0, in);
      }
    }
    return weightGradients[0];
  }
}
