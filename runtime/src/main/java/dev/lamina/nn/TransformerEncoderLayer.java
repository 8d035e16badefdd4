package dev.lamina.nn;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Shape;

/**
 * One encoder block of a transformer, as PyTorch's {@code nn.TransformerEncoderLayer(d_model,
 * nhead, dim_feedforward, dropout, activation, layer_norm_eps, batch_first=True, norm_first)}:
 * self-attention and a feed-forward network {@code linear2(dropout(act(linear1(x))))}, each with a
 * residual connection and a layer norm, after it (post-norm, PyTorch's default) or before it
 * ({@code normFirst}):
 *
 * <pre>
 * post-norm:  x = norm1(x + dropout1(selfAttn(x)));  x = norm2(x + dropout2(ff(x)))
 * norm-first: x = x + dropout1(selfAttn(norm1(x)));  x = x + dropout2(ff(norm2(x)))
 * </pre>
 *
 * <p>Its children carry PyTorch's names ({@code self_attn.in_proj_weight}, {@code linear1.weight},
 * {@code norm1.weight}, ...), so PyTorch's state dict loads strictly and PyTorch loads this
 * layer's; it prints as PyTorch's does. The dropout probability is {@code dropoutP}, since
 * {@code dropout} names the feed-forward's dropout child, as in PyTorch. Inputs are batch-first,
 * {@code [batch, sequence, dModel]}; masks are not taken.
 */
@Layer
public abstract class TransformerEncoderLayer extends Module {
  final int dModel;
  final int nhead;
  final int dimFeedforward;
  final double dropoutP;
  final String activation;
  final double layerNormEps;
  final boolean normFirst;

  final MultiheadAttention selfAttn;
  final Linear linear1;
  final Dropout dropout;
  final Linear linear2;
  final LayerNorm norm1;
  final LayerNorm norm2;
  final Dropout dropout1;
  final Dropout dropout2;

  TransformerEncoderLayer(int dModel, int nhead, int dimFeedforward, double dropoutP,
      String activation, double layerNormEps, boolean normFirst) {
    if (!activation.equals("relu") && !activation.equals("gelu")) {
      throw new IllegalArgumentException("TransformerEncoderLayer: activation must be \"relu\" or"
          + " \"gelu\", not \"" + activation + "\"");
    }
    this.dModel = dModel;
    this.nhead = nhead;
    this.dimFeedforward = dimFeedforward;
    this.dropoutP = dropoutP;
    this.activation = activation;
    this.layerNormEps = layerNormEps;
    this.normFirst = normFirst;
    this.selfAttn = MultiheadAttention.create(dModel, nhead);
    this.linear1 = Linear.create(dModel, dimFeedforward);
    this.dropout = Dropout.create(dropoutP);
    this.linear2 = Linear.create(dimFeedforward, dModel);
    this.norm1 = LayerNorm.create(dModel, layerNormEps);
    this.norm2 = LayerNorm.create(dModel, layerNormEps);
    this.dropout1 = Dropout.create(dropoutP);
    this.dropout2 = Dropout.create(dropoutP);
  }

  /** PyTorch's defaults: feed-forward 2048, dropout 0.1, ReLU, eps 1e-5, post-norm. */
  public static TransformerEncoderLayer create(int dModel, int nhead) {
    return create(dModel, nhead, 2048, 0.1, "relu", 1e-5, false);
  }

  /** With the feed-forward width and dropout; ReLU, eps 1e-5, post-norm. */
  public static TransformerEncoderLayer create(int dModel, int nhead, int dimFeedforward,
      double dropout) {
    return create(dModel, nhead, dimFeedforward, dropout, "relu", 1e-5, false);
  }

  /**
   * PyTorch's arguments in its order, {@code batch_first} fixed to true: {@code activation} is
   * {@code "relu"} or {@code "gelu"}.
   */
  public static TransformerEncoderLayer create(int dModel, int nhead, int dimFeedforward,
      double dropout, String activation, double layerNormEps, boolean normFirst) {
    return new Lamina_TransformerEncoderLayer(dModel, nhead, dimFeedforward, dropout, activation,
        layerNormEps, normFirst);
  }

  @Override
  @Shape({"batch", "sequence", "dModel"})
  public Tensor forward(@Shape({"batch", "sequence", "dModel"}) Tensor x) {
    if (normFirst) {
      x = x.add(dropout1.forward(selfAttn.selfAttention(norm1.forward(x))));
      return x.add(dropout2.forward(feedForward(norm2.forward(x))));
    }
    x = norm1.forward(x.add(dropout1.forward(selfAttn.selfAttention(x))));
    return norm2.forward(x.add(dropout2.forward(feedForward(x))));
  }

  private Tensor feedForward(Tensor x) {
    Tensor hidden = linear1.forward(x);
    hidden = activation.equals("gelu") ? hidden.gelu() : hidden.relu();
    return linear2.forward(dropout.forward(hidden));
  }

  /** Nothing, as PyTorch prints this layer: its children say it all. */
  @Override
  public String extraRepr() {
    return "";
  }
}
