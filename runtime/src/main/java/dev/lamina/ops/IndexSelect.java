package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.LeafGradient;
import dev.lamina.Tensor;
import dev.lamina.Workspace;
import dev.lamina.kernels.Shapes;
import java.util.Arrays;

/**
 * Whole slices picked along one dimension by a list of int64 indices, as
 * {@code torch.index_select}; and its most common use, the embedding lookup
 * ({@code F.embedding}), rows of a weight picked by ids of any shape. One pass copies one block of
 * {@code inner} contiguous values per index. Backward: an index-add, each block of the gradient
 * added into the row it was read from, so a repeated index accumulates; for an embedding, straight
 * into the weight's gradient buffer, skipping the padding row.
 */
public final class IndexSelect extends Function {
  private final String name;
  private final int[] inShape;
  private final int[] indices;
  private final int outer;
  private final int size;
  private final int inner;
  /** The row whose gradient stays zero ({@code padding_idx}), or -1. */
  private final int skipped;

  private IndexSelect(String name, Tensor x, int[] indices, int outer, int size, int inner,
      int skipped) {
    super(x);
    this.name = name;
    this.inShape = x.shape();
    this.indices = indices;
    this.outer = outer;
    this.size = size;
    this.inner = inner;
    this.skipped = skipped;
  }

  /**
   * {@code x} with dimension {@code dim} (negative counts from the end) replaced by the slices at
   * {@code index}, a 1-d (or 0-d, one value) int64 tensor, in its order, repeats allowed: for
   * {@code dim = 0}, {@code out[j] = x[index[j]]}. Indices must lie in {@code [0, x.size(dim))}:
   * as {@code torch.index_select}, a negative one is refused, not counted from the end.
   *
   * @throws IllegalArgumentException when {@code index} is not int64, has more than one dimension,
   *     or holds a value out of range (naming the value and its position), or {@code x} is rank 0
   */
  public static Tensor apply(Tensor x, int dim, Tensor index) {
    IndexArguments.LongValues values = IndexArguments.int64Values("indexSelect", "index", index);
    if (index.dim() > 1) {
      throw new IllegalArgumentException(
          "indexSelect: index must be 1-d, got shape " + Shapes.format(index.shape()));
    }
    int[] shape = x.shape();
    if (shape.length == 0) {
      throw new IllegalArgumentException("indexSelect: cannot select from a rank-0 tensor");
    }
    int d = Shapes.normalizeDim("indexSelect", dim, shape.length);
    checkRange(values, shape[d], index.shape(), (v, at) ->
        "indexSelect: index " + v + " at position " + at + " is out of range for dimension " + d
            + " of size " + shape[d]
            + " (indices count from 0; negative ones are refused, as by torch.index_select)");
    int[] outShape = shape.clone();
    outShape[d] = values.length();
    int outer = Shapes.product(shape, 0, d);
    int inner = Shapes.product(shape, d + 1, shape.length);
    return select("IndexSelectBackward0", x, values, outer, shape[d], inner, -1, outShape);
  }

  /**
   * The rows of {@code weight} ({@code [numEmbeddings, dim]}) at {@code ids}, an int64 tensor of
   * any shape: the result has shape {@code [...ids' shape, dim]}, as {@code F.embedding}.
   *
   * @throws IllegalArgumentException when {@code ids} is not int64 ({@code embedding: ids must be
   *     int64, got float32 [4]}), {@code weight} is not 2-d, or an id is out of range (naming it
   *     and its position)
   */
  public static Tensor embedding(Tensor ids, Tensor weight) {
    return embedding(ids, weight, false, -1);
  }

  /**
   * {@link #embedding(Tensor, Tensor)} where the gradient of row {@code paddingIdx} stays zero, as
   * {@code F.embedding(ids, weight, padding_idx)}; a negative {@code paddingIdx} counts from the
   * end.
   *
   * @throws IllegalArgumentException also when {@code paddingIdx} is outside
   *     {@code [-numEmbeddings, numEmbeddings)}
   */
  public static Tensor embedding(Tensor ids, Tensor weight, int paddingIdx) {
    return embedding(ids, weight, true, paddingIdx);
  }

  private static Tensor embedding(Tensor ids, Tensor weight, boolean padded, int paddingIdx) {
    IndexArguments.LongValues values = IndexArguments.int64Values("embedding", "ids", ids);
    int[] shape = weight.shape();
    if (shape.length != 2) {
      throw new IllegalArgumentException(
          "embedding: weight must be 2-d [numEmbeddings, embeddingDim], got shape "
              + Shapes.format(shape));
    }
    int count = shape[0];
    if (padded && (paddingIdx < -count || paddingIdx >= count)) {
      throw new IllegalArgumentException(
          "embedding: paddingIdx " + paddingIdx + " is out of range for " + count
              + " embeddings");
    }
    int skipped = !padded ? -1 : paddingIdx < 0 ? paddingIdx + count : paddingIdx;
    checkRange(values, count, ids.shape(), (v, at) ->
        "embedding: id " + v + " at position " + at + " is out of range for " + count
            + " embeddings (ids count from 0)");
    int[] outShape = Arrays.copyOf(ids.shape(), ids.dim() + 1);
    outShape[ids.dim()] = shape[1];
    return select("EmbeddingBackward0", weight, values, 1, count, shape[1], skipped, outShape);
  }

  private interface OutOfRange {
    String message(long value, String position);
  }

  private static void checkRange(IndexArguments.LongValues values, int size, int[] indexShape,
      OutOfRange message) {
    for (int i = 0; i < values.length(); i++) {
      long v = values.get(i);
      if (v < 0 || v >= size) {
        throw new IllegalArgumentException(
            message.message(v, IndexArguments.position(i, indexShape)));
      }
    }
  }

  /**
   * The blocks of {@code x} at the checked {@code indices}, read in the index's storage; the graph
   * keeps a copy of them, as ints, only when it records the op.
   */
  private static Tensor select(String name, Tensor x, IndexArguments.LongValues indices,
      int outer, int size, int inner, int skipped, int[] outShape) {
    float[] in = Elementwise.values(x);
    int n = indices.length();
    float[] out = Workspace.floatsToOverwrite(outer * n * inner);
    for (int o = 0; o < outer; o++) {
      for (int j = 0; j < n; j++) {
        System.arraycopy(in, (o * size + (int) indices.get(j)) * inner, out, (o * n + j) * inner,
            inner);
      }
    }
    Tensor result = Tensor.wrap(out, outShape);
    if (!recorded(x)) {
      return result;
    }
    int[] kept = new int[n];
    for (int j = 0; j < n; j++) {
      kept[j] = (int) indices.get(j);
    }
    return record(result, new IndexSelect(name, x, kept, outer, size, inner, skipped));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    float[] g = Elementwise.values(grad);
    LeafGradient target = leafGradient(0);
    if (target != null) {
      target.write((storage, offset, beta) -> {
        if (beta == 0f) {
          Arrays.fill(storage, offset, offset + outer * size * inner, 0f);
        }
        addInto(g, storage, offset);
      });
      return new Tensor[] {null};
    }
    float[] out = Workspace.floats(Shapes.numel(inShape));
    addInto(g, out, 0);
    return new Tensor[] {Tensor.wrap(out, inShape)};
  }

  /** Adds each block of {@code g} into the block of {@code dst} (from {@code offset}) it came from. */
  private void addInto(float[] g, float[] dst, int offset) {
    int n = indices.length;
    for (int o = 0; o < outer; o++) {
      for (int j = 0; j < n; j++) {
        int row = indices[j];
        if (row == skipped) {
          continue;
        }
        int src = (o * n + j) * inner;
        int to = offset + (o * size + row) * inner;
        for (int i = 0; i < inner; i++) {
          dst[to + i] += g[src + i];
        }
      }
    }
  }
}
