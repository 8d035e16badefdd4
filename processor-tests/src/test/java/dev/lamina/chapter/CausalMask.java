package dev.lamina.chapter;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Buffer;
import dev.lamina.annotations.Layer;

/**
 * A layer with nothing to save: a lower-triangular mask in a buffer that is not persistent,
 * computed by {@code resetParameters()}, so that a rebuilt layer computes it again.
 */
@Layer
public abstract class CausalMask extends Module {
  final int size;

  @Buffer(shape = {"size", "size"}, persistent = false) Tensor mask;

  CausalMask(int size) {
    this.size = size;
  }

  public static CausalMask create(int size) {
    return new Lamina_CausalMask(size);
  }

  @Override
  protected void resetParameters() {
    for (int i = 0; i < size; i++) {
      for (int j = 0; j <= i; j++) {
        mask.set(1, i, j);
      }
    }
  }

  @Override
  public Tensor forward(Tensor x) {
    return x.mul(mask);
  }
}
