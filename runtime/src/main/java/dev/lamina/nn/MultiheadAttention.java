package dev.lamina.nn;

import dev.lamina.Module;
import dev.lamina.NoGrad;
import dev.lamina.Tensor;
import dev.lamina.annotations.DType;
import dev.lamina.annotations.Init;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;
import dev.lamina.annotations.Shape;
import dev.lamina.ops.PackedSelfAttention;

/**
 * Multi-head attention, as PyTorch's {@code nn.MultiheadAttention(embedDim, numHeads,
 * batch_first=True)} without dropout: the query, key and value are projected by the three row
 * blocks of {@code in_proj_weight [3 embedDim, embedDim]} and {@code in_proj_bias}, split into
 * {@code numHeads} heads of {@code embedDim / numHeads} features, attended
 * ({@link Tensor#scaledDotProductAttention}), joined and projected by {@code out_proj}, a
 * {@link Linear}. The state dict is PyTorch's: {@code in_proj_weight}, {@code in_proj_bias},
 * {@code out_proj.weight}, {@code out_proj.bias}; so is the init (Xavier-uniform
 * {@code in_proj_weight}, zero biases, {@code out_proj.weight} as {@code Linear}'s).
 *
 * <pre>{@code
 * MultiheadAttention attention = MultiheadAttention.create(12, 3);
 * attention.forward(query, key, value, null, null);   // [N, L, 12] from [N, L, 12], [N, S, 12]
 * attention.selfAttention(x);                          // forward(x, x, x, null, null)
 * }</pre>
 *
 * <p>Where PyTorch returns {@code (output, weights)}, this returns the output alone, as PyTorch's
 * {@code need_weights=False} does (whose weights are None). Inputs are batch-first only, and key
 * and value have {@code embedDim} features ({@code kdim} and {@code vdim} as PyTorch's defaults).
 * Self-attention is {@link #selfAttention}, not {@code forward(x)}: a layer with several inputs
 * refuses the one-input call, so that a container cannot pass it one tensor by mistake.
 */
@Layer
public abstract class MultiheadAttention extends Module {
  final int embedDim;
  final int numHeads;
  final boolean useBias;

  /** The projections of query, key and value, stacked: its rows are heads of the head size. */
  @Param(shape = {"3*numHeads*(embedDim/numHeads)", "embedDim"}, init = Init.XAVIER_UNIFORM)
  Tensor inProjWeight;

  @Param(shape = {"3*embedDim"}, init = Init.ZEROS, presentIf = "useBias")
  Tensor inProjBias;

  final Linear outProj;

  MultiheadAttention(int embedDim, int numHeads, boolean useBias) {
    this.embedDim = embedDim;
    this.numHeads = numHeads;
    this.useBias = useBias;
    this.outProj = Linear.create(embedDim, embedDim, useBias);
  }

  /** PyTorch's {@code nn.MultiheadAttention(embedDim, numHeads, batch_first=True)}, with biases. */
  public static MultiheadAttention create(int embedDim, int numHeads) {
    return create(embedDim, numHeads, true);
  }

  /**
   * PyTorch's {@code nn.MultiheadAttention(embedDim, numHeads, bias=bias, batch_first=True)}.
   *
   * @throws IllegalArgumentException when {@code numHeads} does not divide {@code embedDim}
   */
  public static MultiheadAttention create(int embedDim, int numHeads, boolean bias) {
    return new Lamina_MultiheadAttention(embedDim, numHeads, bias);
  }

  /** The stacked query, key and value projections, {@code [3 embedDim, embedDim]}. */
  public Tensor inProjWeight() {
    return inProjWeight;
  }

  /** Their biases, {@code [3 embedDim]}, or null for a layer made without biases. */
  public Tensor inProjBias() {
    return inProjBias;
  }

  /** The output projection. */
  public Linear outProj() {
    return outProj;
  }

  @Override
  @SuppressWarnings("try") // the no-grad scope is used for its effect, not referenced
  protected void resetParameters() {
    if (useBias) {
      try (NoGrad off = NoGrad.enter()) {
        outProj.bias().fill(0f);
      }
    }
  }

  /**
   * Attention of each query position to the key positions, as PyTorch's
   * {@code forward(query, key, value, key_padding_mask, need_weights=False, attn_mask)}.
   *
   * @param keyPaddingMask null, or true (bool) where a key is padding and is ignored, or a float
   *     mask added to the scores of every head and query
   * @param attnMask null, or true (bool) where query {@code i} must not attend to key {@code j},
   *     or a float mask added to the scores; PyTorch's convention, the reverse of
   *     {@link Tensor#scaledDotProductAttention}'s bool mask
   */
  @Shape({"batch", "targetLength", "embedDim"})
  public Tensor forward(@Shape({"batch", "targetLength", "embedDim"}) Tensor query,
      @Shape({"batch", "sourceLength", "embedDim"}) Tensor key,
      @Shape({"batch", "sourceLength", "embedDim"}) Tensor value,
      @Shape(value = {"batch", "sourceLength"}, optional = true) Tensor keyPaddingMask,
      @Shape(value = {"targetLength", "sourceLength"}, optional = true) Tensor attnMask) {
    int batch = query.size(0);
    int targetLength = query.size(1);
    int sourceLength = key.size(1);
    if (query == key && key == value && keyPaddingMask == null && attnMask == null) {
      // Self-attention without masks, PyTorch's fast path: one op from the packed projections
      // [N, L, 3 E] to the heads side by side [N, L, E], no per-head copies or products.
      return outProj.forward(
          PackedSelfAttention.apply(query.linear(inProjWeight, inProjBias), numHeads));
    }
    Tensor q;
    Tensor k;
    Tensor v;
    if (query == key && key == value) {
      // Self-attention, as PyTorch's in_projection_packed: one product with all three blocks,
      // [N, L, 3 E] seen as [N, L, 3, heads, head size]; each of q, k and v is a view into it, and
      // their gradients are added into its gradient in place.
      Tensor projected = query.linear(inProjWeight, inProjBias)
          .reshape(batch, targetLength, 3, numHeads, embedDim / numHeads);
      q = projected.select(2, 0).transpose(1, 2);
      k = projected.select(2, 1).transpose(1, 2);
      v = projected.select(2, 2).transpose(1, 2);
    } else {
      Tensor[] weights = inProjWeight.chunk(3, 0);
      Tensor[] biases = useBias ? inProjBias.chunk(3, 0) : new Tensor[3];
      q = heads(query.linear(weights[0], biases[0]), batch, targetLength);
      k = heads(key.linear(weights[1], biases[1]), batch, sourceLength);
      v = heads(value.linear(weights[2], biases[2]), batch, sourceLength);
    }
    Tensor mask = additive(attnMask);
    if (keyPaddingMask != null) {
      Tensor padding = additive(keyPaddingMask).reshape(batch, 1, 1, sourceLength);
      mask = mask == null ? padding : mask.add(padding);
    }
    Tensor attended = Tensor.scaledDotProductAttention(q, k, v, mask, false);
    return outProj.forward(
        attended.transpose(1, 2).reshape(batch, targetLength, embedDim));
  }

  /** Self-attention, {@code forward(x, x, x, null, null)}, of {@code x [N, L, embedDim]}. */
  public Tensor selfAttention(Tensor x) {
    return forward(x, x, x, null, null);
  }

  /** {@code [N, length, embedDim]} as {@code [N, numHeads, length, embedDim / numHeads]}. */
  private Tensor heads(Tensor projected, int batch, int length) {
    return projected.reshape(batch, length, numHeads, embedDim / numHeads).transpose(1, 2);
  }

  /** A mask in PyTorch's convention as one added to the scores: -inf where a bool one is true. */
  private static Tensor additive(Tensor mask) {
    if (mask == null || mask.dtype() != DType.BOOL) {
      return mask;
    }
    return Tensor.zeros(mask.shape()).maskedFill(mask, Float.NEGATIVE_INFINITY);
  }

  @Override
  public String extraRepr() {
    return "";
  }

  /** As PyTorch prints it, whose {@code out_proj} is a {@code NonDynamicallyQuantizableLinear}. */
  @Override
  public String toString() {
    return "MultiheadAttention(\n  (out_proj): NonDynamicallyQuantizableLinear("
        + outProj.extraRepr() + ")\n)";
  }
}
