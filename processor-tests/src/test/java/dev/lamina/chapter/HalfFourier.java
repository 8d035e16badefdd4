package dev.lamina.chapter;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Shape;

/**
 * The chapter's exercise: the first half of the Fourier coefficients of each row, as
 * {@code [real, imaginary]} pairs, computed as a product with the cosine and sine matrices.
 */
@Layer
public abstract class HalfFourier extends Module {
  HalfFourier() {}

  public static HalfFourier create() {
    return new Lamina_HalfFourier();
  }

  @Override
  @Shape({"...", "n/2", "2"})
  public Tensor forward(@Shape({"...", "n"}) Tensor x) {
    int n = x.size(-1);
    int half = n / 2;
    float[] cos = new float[n * half];
    float[] sin = new float[n * half];
    for (int t = 0; t < n; t++) {
      for (int k = 0; k < half; k++) {
        double angle = 2 * Math.PI * k * t / n;
        cos[t * half + k] = (float) Math.cos(angle);
        sin[t * half + k] = (float) -Math.sin(angle);
      }
    }
    Tensor real = x.matmul(Tensor.of(cos, n, half)).unsqueeze(-1);
    Tensor imaginary = x.matmul(Tensor.of(sin, n, half)).unsqueeze(-1);
    return Tensor.cat(-1, real, imaginary);
  }
}
