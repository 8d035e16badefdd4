package dev.lamina.ops;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.Generator;
import dev.lamina.Tensor;
import dev.lamina.testing.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * {@link PackedSelfAttention} against the composite it replaces (the packed projections split
 * into heads, {@link Tensor#scaledDotProductAttention}, the heads joined), values and the
 * gradients of {@code sum(w * out)}, for sequence lengths and head sizes that take every loop's
 * remainder (odd head sizes, lengths not a multiple of 4) and the vision transformer's own
 * 50 tokens of 4 heads of 8; and against finite differences.
 */
class PackedSelfAttentionTest {
  /** {batch, length, heads, headSize}. */
  private static final int[][] SHAPES = {
    {1, 1, 1, 1}, {2, 3, 1, 2}, {2, 5, 2, 3}, {1, 4, 3, 1}, {3, 7, 4, 8}, {2, 9, 2, 5},
    {2, 50, 4, 8},
  };

  private static Tensor composite(Tensor packed, int heads) {
    int batch = packed.size(0);
    int length = packed.size(1);
    int width = packed.size(2) / 3;
    Tensor split = packed.reshape(batch, length, 3, heads, width / heads);
    Tensor q = split.select(2, 0).transpose(1, 2);
    Tensor k = split.select(2, 1).transpose(1, 2);
    Tensor v = split.select(2, 2).transpose(1, 2);
    return Tensor.scaledDotProductAttention(q, k, v, null, false).transpose(1, 2)
        .reshape(batch, length, width);
  }

  @Test
  void valuesAndGradientsAreTheCompositesForEveryShape() {
    Generator generator = new Generator(7);
    for (int[] s : SHAPES) {
      String name = java.util.Arrays.toString(s);
      int width = s[2] * s[3];
      Tensor values = Tensor.randn(generator, s[0], s[1], 3 * width).mul(2f);
      Tensor weights = Tensor.randn(generator, s[0], s[1], width);

      Tensor packed = values.detach().requiresGrad(true);
      Tensor out = PackedSelfAttention.apply(packed, s[2]);
      out.mul(weights).sum().backward();
      Tensor reference = values.detach().requiresGrad(true);
      Tensor expected = composite(reference, s[2]);
      expected.mul(weights).sum().backward();

      assertThat(out.shape()).isEqualTo(new int[] {s[0], s[1], width});
      GradCheck.assertClose(name + " output", out, expected);
      GradCheck.assertClose(name + " gradient", packed.grad(), reference.grad());
    }
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    Generator generator = new Generator(8);
    GradCheck.check("packed self-attention, 2 heads of 3",
        t -> PackedSelfAttention.apply(t[0], 2), Tensor.randn(generator, 2, 5, 18));
    GradCheck.check("packed self-attention, 1 head of 4",
        t -> PackedSelfAttention.apply(t[0], 1), Tensor.randn(generator, 1, 6, 12));
  }

  @Test
  void largeScoresStayFinite() {
    Tensor packed = Tensor.randn(new Generator(9), 1, 6, 12).mul(60f);
    float[] out = PackedSelfAttention.apply(packed, 2).toFloatArray();
    for (float v : out) {
      assertThat(Float.isFinite(v)).isTrue();
    }
    GradCheck.assertClose("attention of large scores", PackedSelfAttention.apply(packed, 2),
        composite(packed, 2));
  }

  @Test
  void aStridedInputIsReadInItsOrder() {
    Tensor base = Tensor.randn(new Generator(10), 12, 4, 2);
    Tensor packed = base.permute(2, 1, 0);
    GradCheck.assertClose("attention of a permuted input", PackedSelfAttention.apply(packed, 2),
        composite(packed, 2));
  }

  @Test
  void refusesProjectionsThatAreNotThreeBlocksOfHeads() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PackedSelfAttention.apply(Tensor.zeros(2, 3, 10), 2));
    assertThat(e).hasMessageThat().isEqualTo("packed self-attention: the projections must be"
        + " [batch, length, 3 * heads * headSize] with 2 heads, got [2, 3, 10]");
    assertThrows(IllegalArgumentException.class,
        () -> PackedSelfAttention.apply(Tensor.zeros(3, 12), 2));
  }
}
