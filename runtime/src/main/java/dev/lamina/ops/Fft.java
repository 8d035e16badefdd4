package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.Shapes;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jtransforms.fft.DoubleFFT_1D;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * The discrete Fourier transform of real input along its last dimension, as
 * {@code torch.view_as_real(torch.fft.fft(x))}: for {@code x} of shape {@code [..., n]}, the output
 * of shape {@code [..., n, 2]} holds the real and imaginary parts of
 *
 * <pre>
 *   X[k] = Σ_t x[t] e^(-2πi kt/n),   k = 0 .. n-1   (no normalization)
 * </pre>
 *
 * so {@code Re X[k] = Σ_t x[t] cos(2πkt/n)} and {@code Im X[k] = -Σ_t x[t] sin(2πkt/n)}. Any
 * {@code n ≥ 1}, not only powers of two; JTransforms computes it in double precision, rounded to
 * float once at the end.
 *
 * <p>Backward, for the gradient {@code g[k] = (gr[k], gi[k])} of the output:
 * {@code dx[t] = Σ_k gr[k] cos(2πkt/n) - gi[k] sin(2πkt/n) = Re FFT(gr - i·gi)[t]}, one complex
 * transform of the conjugated gradient.
 */
public final class Fft extends Function {
  static {
    // JTransforms splits long transforms over a pool whose threads are not daemons, so a program
    // that ran one would wait a minute for them to expire before exiting. Daemon threads don't.
    AtomicInteger count = new AtomicInteger();
    ConcurrencyUtils.setThreadPool(Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "lamina-fft-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }));
  }

  private final int[] inShape;

  private Fft(Tensor x) {
    super(x);
    this.inShape = x.shape();
  }

  /**
   * {@code X[k] = Σ_t x[t] e^(-2πi kt/n)} along the last dimension: {@code x} of shape
   * {@code [..., n]} ({@code n ≥ 1}) gives {@code [..., n, 2]}, real and imaginary parts last.
   */
  public static Tensor apply(Tensor x) {
    int[] shape = x.shape();
    if (shape.length == 0 || shape[shape.length - 1] == 0) {
      throw new IllegalArgumentException(
          "fft: needs a tensor with a last dimension of size 1 or more, got shape "
              + Shapes.format(shape));
    }
    int n = shape[shape.length - 1];
    float[] in = Elementwise.values(x);
    int rows = in.length / n;
    float[] out = new float[rows * n * 2];
    DoubleFFT_1D transform = new DoubleFFT_1D(n);
    double[] buffer = new double[2 * n];
    for (int r = 0; r < rows; r++) {
      Arrays.fill(buffer, 0);
      for (int t = 0; t < n; t++) {
        buffer[t] = in[r * n + t];
      }
      transform.realForwardFull(buffer);
      for (int i = 0; i < 2 * n; i++) {
        out[r * 2 * n + i] = (float) buffer[i];
      }
    }
    int[] outShape = Arrays.copyOf(shape, shape.length + 1);
    outShape[shape.length] = 2;
    return record(Tensor.wrap(out, outShape), new Fft(x));
  }

  @Override
  public String name() {
    return "ViewAsRealBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    int n = inShape[inShape.length - 1];
    float[] g = grad.toFloatArray();
    int rows = g.length / (2 * n);
    float[] dx = new float[rows * n];
    DoubleFFT_1D transform = new DoubleFFT_1D(n);
    double[] buffer = new double[2 * n];
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < n; k++) {
        buffer[2 * k] = g[r * 2 * n + 2 * k];
        buffer[2 * k + 1] = -g[r * 2 * n + 2 * k + 1];
      }
      transform.complexForward(buffer);
      for (int t = 0; t < n; t++) {
        dx[r * n + t] = (float) buffer[2 * t];
      }
    }
    return new Tensor[] {Tensor.wrap(dx, inShape)};
  }
}
