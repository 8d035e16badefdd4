package dev.lamina.nn;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.format.ConfigText;
import dev.lamina.kernels.Shapes;

/**
 * Splits dimension {@code dim} into {@code unflattenedSize}, as PyTorch's {@code nn.Unflatten},
 * the reverse of {@link Flatten}: with {@code dim = 1} and {@code unflattenedSize = (1, 28, 28)},
 * {@code [4, 784]} becomes {@code [4, 1, 28, 28]}. One size may be -1, inferred.
 */
@Layer
public abstract class Unflatten extends Module {
  final int dim;
  final int[] unflattenedSize;

  Unflatten(int dim, int[] unflattenedSize) {
    if (unflattenedSize.length == 0) {
      throw new IllegalArgumentException("Unflatten: unflattenedSize must not be empty");
    }
    this.dim = dim;
    this.unflattenedSize = unflattenedSize.clone();
  }

  /** Splits dimension {@code dim} (negative counts from the end) into {@code unflattenedSize}. */
  public static Unflatten create(int dim, int... unflattenedSize) {
    return new Lamina_Unflatten(dim, unflattenedSize);
  }

  @Override
  public Tensor forward(Tensor x) {
    int[] shape = x.shape();
    int d = Shapes.normalizeDim("Unflatten", dim, shape.length);
    int[] out = new int[shape.length - 1 + unflattenedSize.length];
    System.arraycopy(shape, 0, out, 0, d);
    System.arraycopy(unflattenedSize, 0, out, d, unflattenedSize.length);
    System.arraycopy(shape, d + 1, out, d + unflattenedSize.length, shape.length - d - 1);
    return x.reshape(out);
  }

  @Override
  public String extraRepr() {
    return "dim=" + dim + ", unflattened_size=" + ConfigText.of(unflattenedSize);
  }
}
