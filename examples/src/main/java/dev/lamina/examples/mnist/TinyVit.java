package dev.lamina.examples.mnist;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Init;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;
import dev.lamina.annotations.Shape;
import dev.lamina.nn.LayerNorm;
import dev.lamina.nn.Linear;
import dev.lamina.nn.TransformerEncoderLayer;
import java.util.ArrayList;
import java.util.List;

/**
 * A vision transformer for 28x28 digits: 49 patches of 4x4 pixels, each embedded by a
 * {@code Linear(16, dim)}, a learned class token in front, learned position embeddings added,
 * {@code depth} norm-first {@link TransformerEncoderLayer}s, a final layer norm, and the class
 * token's vector classified by a {@code Linear(dim, 10)}.
 */
@Layer
public abstract class TinyVit extends Module {
  final int dim;
  final int heads;
  final int depth;

  @Param(shape = {"1", "1", "dim"}, init = Init.NORMAL) Tensor classToken;
  @Param(shape = {"1", "50", "dim"}, init = Init.NORMAL) Tensor positions;

  final Linear patch;
  final List<TransformerEncoderLayer> blocks = new ArrayList<>();
  final LayerNorm norm;
  final Linear head;

  TinyVit(int dim, int heads, int depth) {
    this.dim = dim;
    this.heads = heads;
    this.depth = depth;
    this.patch = Linear.create(16, dim);
    for (int i = 0; i < depth; i++) {
      blocks.add(TransformerEncoderLayer.create(dim, heads, 2 * dim, 0.0, "gelu", 1e-5, true));
    }
    this.norm = LayerNorm.create(dim);
    this.head = Linear.create(dim, 10);
  }

  /** The network train-mnist trains: width 32, 4 heads, 2 blocks. */
  public static TinyVit create() {
    return create(32, 4, 2);
  }

  public static TinyVit create(int dim, int heads, int depth) {
    return new Lamina_TinyVit(dim, heads, depth);
  }

  @Override
  @Shape({"batch", "10"})
  public Tensor forward(@Shape({"batch", "28", "28"}) Tensor x) {
    int batch = x.size(0);
    // [b, 28, 28] -> [b, 7, 4, 7, 4] -> [b, 7, 7, 4, 4] -> [b, 49, 16]: patch (i, j), row-major.
    Tensor patches = x.reshape(batch, 7, 4, 7, 4).permute(0, 1, 3, 2, 4).reshape(batch, 49, 16);
    Tensor tokens = Tensor.cat(1, classToken.expand(batch, 1, dim), patch.forward(patches))
        .add(positions);
    for (TransformerEncoderLayer block : blocks) {
      tokens = block.forward(tokens);
    }
    return head.forward(norm.forward(tokens).select(1, 0));
  }
}
