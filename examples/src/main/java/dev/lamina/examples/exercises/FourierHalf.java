package dev.lamina.examples.exercises;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Shape;

/**
 * The chapter's second exercise: the first half of the Fourier coefficients of the input along its
 * last dimension, {@code fft(x)[..., :n/2]}, each complex coefficient as a trailing pair
 * {@code (real, imaginary)} as {@code torch.view_as_real} lays it out.
 */
@Layer
public abstract class FourierHalf extends Module {
  /** A new layer; it has no parameters. */
  public static FourierHalf create() {
    return new Lamina_FourierHalf();
  }

  @Override
  @Shape({"...", "n/2", "2"})
  public Tensor forward(@Shape({"...", "n"}) Tensor x) {
    int n = x.size(-1);
    return x.fft().slice(-2, 0, n / 2);
  }
}
