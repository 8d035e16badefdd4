package dev.lamina.nn;

import dev.lamina.Module;
import dev.lamina.NoGrad;
import dev.lamina.Tensor;
import dev.lamina.annotations.Init;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;
import dev.lamina.annotations.Shape;

/**
 * A lookup table of {@code numEmbeddings} vectors of size {@code embeddingDim}, as PyTorch's
 * {@code nn.Embedding}: weight {@code [numEmbeddings, embeddingDim]} drawn from N(0, 1), the
 * padding row (if any) zeroed and kept out of the gradient, state-dict key {@code weight}. The
 * input is an int64 tensor of ids of any shape; the output adds a last dimension of
 * {@code embeddingDim}.
 *
 * <pre>{@code
 * Embedding embedding = Embedding.create(10, 3);
 * embedding.toString();                                   // Embedding(10, 3)
 * embedding.forward(Tensor.ofLongs(new long[] {1, 2, 4, 5}, 2, 2));   // [2, 2, 3]
 * }</pre>
 *
 * <p>The ids' shape is declared {@code "..."}, any shape, since {@code @Shape} says nothing about
 * element types: a float tensor of ids is refused by the lookup itself ({@code embedding: ids must
 * be int64, got float32 [4]}).
 */
@Layer
public abstract class Embedding extends Module {
  /** {@link #paddingIdx} when there is no padding row, as PyTorch's {@code padding_idx=None}. */
  static final int NO_PADDING = -1;

  final int numEmbeddings;
  final int embeddingDim;
  /** The padding row in {@code [0, numEmbeddings)}, or {@link #NO_PADDING}. */
  final int paddingIdx;

  @Param(shape = {"numEmbeddings", "embeddingDim"}, init = Init.NORMAL)
  Tensor weight;

  Embedding(int numEmbeddings, int embeddingDim, int paddingIdx) {
    if (paddingIdx != NO_PADDING && (paddingIdx < 0 || paddingIdx >= numEmbeddings)) {
      throw new IllegalArgumentException(
          "Embedding: paddingIdx " + paddingIdx + " must be within [0, " + numEmbeddings + ")");
    }
    this.numEmbeddings = numEmbeddings;
    this.embeddingDim = embeddingDim;
    this.paddingIdx = paddingIdx;
  }

  /** PyTorch's {@code nn.Embedding(numEmbeddings, embeddingDim)}. */
  public static Embedding create(int numEmbeddings, int embeddingDim) {
    return new Lamina_Embedding(numEmbeddings, embeddingDim, NO_PADDING);
  }

  /**
   * PyTorch's {@code nn.Embedding(numEmbeddings, embeddingDim, padding_idx=paddingIdx)}: row
   * {@code paddingIdx} starts as zeros and gets no gradient; a negative index counts from the end,
   * as in PyTorch, which stores it counted from the start.
   *
   * @throws IllegalArgumentException when {@code paddingIdx} is outside
   *     {@code [-numEmbeddings, numEmbeddings)}
   */
  public static Embedding create(int numEmbeddings, int embeddingDim, int paddingIdx) {
    if (paddingIdx < -numEmbeddings || paddingIdx >= numEmbeddings) {
      throw new IllegalArgumentException(
          "Embedding: paddingIdx " + paddingIdx + " must be within [-" + numEmbeddings + ", "
              + numEmbeddings + ")");
    }
    return new Lamina_Embedding(numEmbeddings, embeddingDim,
        paddingIdx < 0 ? paddingIdx + numEmbeddings : paddingIdx);
  }

  /** The table, {@code [numEmbeddings, embeddingDim]}. */
  public Tensor weight() {
    return weight;
  }

  /** The padding row, counted from 0, or -1 when there is none. */
  public int paddingIdx() {
    return paddingIdx;
  }

  @Override
  @SuppressWarnings("try") // the no-grad scope is used for its effect, not referenced
  protected void resetParameters() {
    if (paddingIdx != NO_PADDING) {
      try (NoGrad off = NoGrad.enter()) {
        weight.select(0, paddingIdx).fill(0f);
      }
    }
  }

  @Override
  @Shape({"...", "embeddingDim"})
  public Tensor forward(@Shape({"..."}) Tensor ids) {
    return paddingIdx == NO_PADDING
        ? Tensor.embedding(ids, weight)
        : Tensor.embedding(ids, weight, paddingIdx);
  }

  @Override
  public String extraRepr() {
    return numEmbeddings + ", " + embeddingDim
        + (paddingIdx == NO_PADDING ? "" : ", padding_idx=" + paddingIdx);
  }
}
