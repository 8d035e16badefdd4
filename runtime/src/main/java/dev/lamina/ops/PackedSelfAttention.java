package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.Workspace;
import dev.lamina.kernels.PackedAttention;
import dev.lamina.kernels.Shapes;

/**
 * Multi-head self-attention from its packed projections, as one op: {@code packed [N, L, 3 E]}
 * holds each token's query, key and value side by side, each {@code heads} heads of
 * {@code E / heads} features; the output {@code [N, L, E]} is every head's
 * {@code softmax(Q Kᵀ / sqrt(E / heads)) V}, the heads side by side. Backward: the gradients of
 * the three projections, in the packed layout. Both run head by head, in
 * {@link PackedAttention}.
 *
 * <p>The same values as splitting {@code packed} into heads, {@link Tensor#scaledDotProductAttention}
 * and joining the heads again, without the transposed copies, the per-head BLAS calls and the
 * intermediate tensors: {@link dev.lamina.nn.MultiheadAttention}'s self-attention without masks.
 */
public final class PackedSelfAttention extends Function {
  private final float[] packed;
  private final int heads;
  private final int[] shape;
  /** Every head's probabilities, {@code [N, heads, L (query), L (key)]}. */
  private final float[] probabilities;

  private PackedSelfAttention(Tensor x, float[] packed, int heads, float[] probabilities) {
    super(x);
    this.packed = packed;
    this.heads = heads;
    this.shape = x.shape();
    this.probabilities = probabilities;
  }

  /**
   * Self-attention of {@code packed [N, L, 3 E]} with {@code heads} heads: {@code [N, L, E]}.
   *
   * @throws IllegalArgumentException when {@code packed} is not of rank 3 or its last size is not
   *     a multiple of {@code 3 · heads}
   */
  public static Tensor apply(Tensor packed, int heads) {
    int[] shape = packed.shape();
    if (shape.length != 3 || heads <= 0 || shape[2] % (3 * heads) != 0) {
      throw new IllegalArgumentException("packed self-attention: the projections must be"
          + " [batch, length, 3 * heads * headSize] with " + heads + " heads, got "
          + Shapes.format(shape));
    }
    int batch = shape[0];
    int length = shape[1];
    int width = shape[2] / 3;
    int headSize = width / heads;
    float[] in = Elementwise.values(packed);
    float[] out = Workspace.floatsToOverwrite(batch * length * width);
    float[] probabilities = Workspace.floatsToOverwrite(batch * heads * length * length);
    float[] scratch = Workspace.floatsToOverwrite(length * length);
    for (int b = 0; b < batch; b++) {
      for (int h = 0; h < heads; h++) {
        PackedAttention.forward(in, b * length * 3 * width, length, width, headSize, h, out,
            b * length * width, probabilities, (b * heads + h) * length * length, scratch);
      }
    }
    return record(Tensor.wrap(out, batch, length, width),
        new PackedSelfAttention(packed, in, heads, probabilities));
  }

  @Override
  public String name() {
    return "PackedSelfAttentionBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    int batch = shape[0];
    int length = shape[1];
    int width = shape[2] / 3;
    int headSize = width / heads;
    float[] g = Elementwise.values(grad);
    float[] packedGrad = Workspace.floatsToOverwrite(packed.length);
    float[] scratch = Workspace.floatsToOverwrite(length * length);
    for (int b = 0; b < batch; b++) {
      for (int h = 0; h < heads; h++) {
        PackedAttention.backward(packed, b * length * 3 * width, length, width, headSize, h, g,
            b * length * width, probabilities, (b * heads + h) * length * length, packedGrad,
            scratch);
      }
    }
    return new Tensor[] {Tensor.wrap(packedGrad, shape)};
  }
}
