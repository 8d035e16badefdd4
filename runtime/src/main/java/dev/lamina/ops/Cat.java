package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.Shapes;
import dev.lamina.kernels.Strided;
import dev.lamina.shape.OpShapes;

/**
 * Tensors joined along an existing dimension; vectors of shape {@code [0]} are skipped, as PyTorch
 * does. Backward: the matching slice of the gradient to each.
 */
public final class Cat extends Function {
  private final int dim;
  private final int[] sizes;
  /** Which inputs were empty vectors, skipped. */
  private final boolean[] skipped;

  private Cat(Tensor[] inputs, int dim, int[] sizes) {
    super(inputs);
    this.dim = dim;
    this.sizes = sizes;
    this.skipped = new boolean[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      skipped[i] = isLegacyEmpty(inputs[i]);
    }
  }

  /**
   * The {@code tensors} joined along {@code dim} (negative counts from the end): all shapes must be
   * equal except along {@code dim}, where the sizes add up, so {@code [2, 3]} and {@code [1, 3]}
   * along 0 give {@code [3, 3]}. Vectors of shape {@code [0]} are skipped whatever the other
   * shapes, as {@code torch.cat} does; when all are, the result is {@code [0]}.
   *
   * @throws IllegalArgumentException for an empty list, a rank-0 tensor, or shapes that differ
   *     elsewhere than along {@code dim}
   */
  public static Tensor apply(int dim, Tensor... tensors) {
    int[][] shapes = new int[tensors.length][];
    int reference = -1;
    for (int i = 0; i < tensors.length; i++) {
      shapes[i] = tensors[i].shape();
      if (reference < 0 && !isLegacyEmpty(tensors[i])) {
        reference = i;
      }
    }
    int[] outShape = OpShapes.cat(dim, shapes);
    if (reference < 0) {
      // Only empty vectors: the result is one too, as in PyTorch.
      return record(Tensor.zeros(0), new Cat(tensors.clone(), 0, new int[tensors.length]));
    }
    int rank = shapes[reference].length;
    int d = dim < 0 ? dim + rank : dim;
    int[] sizes = new int[tensors.length];
    for (int i = 0; i < tensors.length; i++) {
      if (!isLegacyEmpty(tensors[i])) {
        sizes[i] = shapes[i][d];
      }
    }
    float[] out = new float[Shapes.numel(outShape)];
    int[] outStrides = Shapes.contiguousStrides(outShape);
    int position = 0;
    for (int i = 0; i < tensors.length; i++) {
      Tensor t = tensors[i];
      if (!isLegacyEmpty(t)) {
        Strided.copy(t.storage(), t.storageOffset(), t.shape(), t.stride(), out,
            position * outStrides[d], outStrides);
        position += sizes[i];
      }
    }
    return record(Tensor.wrap(out, outShape), new Cat(tensors.clone(), d, sizes));
  }

  /**
   * Whether {@code t} has shape {@code [0]}, which PyTorch's {@code cat} skips whatever the other
   * tensors' shapes, for code written before tensors could have other empty shapes.
   */
  private static boolean isLegacyEmpty(Tensor t) {
    return t.dim() == 1 && t.size(0) == 0;
  }

  @Override
  public String name() {
    return "CatBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    Tensor[] grads = new Tensor[sizes.length];
    int position = 0;
    for (int i = 0; i < sizes.length; i++) {
      if (needsGrad(i)) {
        grads[i] = skipped[i]
            ? Tensor.zeros(0)
            : grad.slice(dim, position, position + sizes[i]).contiguous();
      }
      position += sizes[i];
    }
    return grads;
  }
}
