package dev.lamina.nn;

import dev.lamina.Generator;
import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.format.ConfigText;
import dev.lamina.annotations.Layer;
import dev.lamina.init.Initializers;

/**
 * Inverted dropout, as PyTorch's {@code nn.Dropout}: in training mode each element is zeroed with
 * probability {@code p} and the others are scaled by {@code 1/(1-p)}, so that evaluation mode, which
 * passes the input through unchanged, needs no rescaling. The mask is multiplied in, so gradients
 * flow through the kept elements only.
 */
@Layer
public abstract class Dropout extends Module {
  final double p;
  private final Generator generator;

  Dropout(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("Dropout: p must be in [0, 1], but it is " + p);
    }
    this.p = p;
    // Seeded like a parameter, so that masks do not depend on what was built before.
    this.generator = Initializers.generatorFor("dev.lamina.nn.Dropout", "mask");
  }

  /** Dropout with probability {@code p}. */
  public static Dropout create(double p) {
    return new Lamina_Dropout(p);
  }

  @Override
  public Tensor forward(Tensor x) {
    if (!isTraining() || p == 0) {
      return x;
    }
    float keepScale = p == 1 ? 0f : (float) (1.0 / (1.0 - p));
    float[] mask = new float[x.numel()];
    synchronized (generator) {
      for (int i = 0; i < mask.length; i++) {
        mask[i] = generator.nextUniform() >= p ? keepScale : 0f;
      }
    }
    return x.mul(Tensor.wrap(mask, x.shape()));
  }

  @Override
  public String extraRepr() {
    return "p=" + ConfigText.of(p) + ", inplace=False";
  }
}
