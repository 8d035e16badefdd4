package dev.lamina.opinfo;

import dev.lamina.PaddingMode;
import dev.lamina.Tensor;
import dev.lamina.loss.Losses;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Lamina call for each name {@code make_opinfo_fixtures.py} records: one line per call, taking
 * the sample's tensors (in the order of the OpInfo sample: input, then args, then kwargs) and its
 * other arguments, named as the Lamina method's parameters.
 *
 * <p>Calls that compute sums of products ({@link #sumOfProducts}) are compared with a tolerance
 * that grows with the sum of the terms' magnitudes, not only with the result; see
 * {@link dev.lamina.testing.GradCheck#assertClose(String, Tensor, int[], double[], double[])}.
 */
final class OpInfoAdapters {
  /** A Lamina call on a recorded sample. */
  @FunctionalInterface
  interface Call {
    Tensor apply(Tensor[] tensors, OpInfoArgs args);
  }

  /** A call and whether it is a sum of products of its inputs (multilinear). */
  record Adapter(Call call, boolean sumOfProducts) {}

  private static final Map<String, Adapter> ADAPTERS = new LinkedHashMap<>();

  static {
    op("add", (t, a) -> t[0].add(t[1]));
    op("add_scalar", (t, a) -> t[0].add(a.number("other")));
    op("sub", (t, a) -> t[0].sub(t[1]));
    op("sub_scalar", (t, a) -> t[0].sub(a.number("other")));
    op("mul", (t, a) -> t[0].mul(t[1]));
    op("mul_scalar", (t, a) -> t[0].mul(a.number("other")));
    op("div", (t, a) -> t[0].div(t[1]));
    op("div_scalar", (t, a) -> t[0].div(a.number("other")));
    op("neg", (t, a) -> t[0].neg());
    op("pow", (t, a) -> t[0].pow(a.number("exponent")));
    op("sqrt", (t, a) -> t[0].sqrt());
    op("exp", (t, a) -> t[0].exp());
    op("log", (t, a) -> t[0].log());
    op("abs", (t, a) -> t[0].abs());
    op("relu", (t, a) -> t[0].relu());
    op("sigmoid", (t, a) -> t[0].sigmoid());
    op("tanh", (t, a) -> t[0].tanh());
    op("softmax", (t, a) -> t[0].softmax(a.integer("dim")));
    op("logSoftmax", (t, a) -> t[0].logSoftmax(a.integer("dim")));

    sumOfProducts("sum", (t, a) -> t[0].sum());
    sumOfProducts("sum_dims", (t, a) -> t[0].sum(a.ints("dims"), a.bool("keepDim")));
    sumOfProducts("mean", (t, a) -> t[0].mean());
    sumOfProducts("mean_dims", (t, a) -> t[0].mean(a.ints("dims"), a.bool("keepDim")));
    sumOfProducts("sumToShape", (t, a) -> t[0].sumToShape(a.ints("shape")));
    op("max", (t, a) -> t[0].max());
    op("max_dim", (t, a) -> t[0].max(a.integer("dim"), a.bool("keepDim")));
    op("argmax", (t, a) -> t[0].argmax());
    op("argmax_dim", (t, a) -> t[0].argmax(a.integer("dim"), a.bool("keepDim")));

    sumOfProducts("matmul", (t, a) -> t[0].matmul(t[1]));
    sumOfProducts("linear", (t, a) -> t[0].linear(t[1], t.length > 2 ? t[2] : null));
    sumOfProducts("einsum", (t, a) -> Tensor.einsum(a.string("equation"), t));
    op("fft", (t, a) -> t[0].fft());

    op("reshape", (t, a) -> t[0].reshape(a.ints("shape")));
    op("flatten", (t, a) -> t[0].flatten(a.integer("startDim")));
    op("expand", (t, a) -> t[0].expand(a.ints("shape")));
    op("transpose", (t, a) -> t[0].transpose(a.integer("dim0"), a.integer("dim1")));
    op("t", (t, a) -> t[0].t());
    op("contiguous", (t, a) -> t[0].contiguous());
    op("permute", (t, a) -> t[0].permute(a.ints("order")));
    op("unsqueeze", (t, a) -> t[0].unsqueeze(a.integer("dim")));
    op("squeeze", (t, a) -> t[0].squeeze());
    op("squeeze_dim", (t, a) -> t[0].squeeze(a.integer("dim")));
    op("select", (t, a) -> t[0].select(a.integer("dim"), a.integer("index")));
    op("slice", (t, a) -> t[0].slice(
        a.integer("dim"), a.integer("start"), a.integer("end"), a.integer("step")));
    op("cat", (t, a) -> Tensor.cat(a.integer("dim"), t));
    op("stack", (t, a) -> Tensor.stack(a.integer("dim"), t));

    sumOfProducts("conv1d", (t, a) -> t[0].conv1d(t[1], optional(t, 2, a)[0],
        a.integer("stride"), a.integer("padding"), a.integer("dilation"), a.integer("groups")));
    sumOfProducts("conv2d", (t, a) -> t[0].conv2d(t[1], optional(t, 2, a)[0],
        a.ints("stride"), a.ints("padding"), a.ints("dilation"), a.integer("groups")));
    op("pad", (t, a) -> t[0].pad(
        a.ints("pads"), PaddingMode.valueOf(a.string("mode")), a.number("value")));
    op("maxPool2d", (t, a) -> t[0].maxPool2d(
        a.ints("kernel"), a.ints("stride"), a.ints("padding"), a.ints("dilation")));
    sumOfProducts("avgPool2d", (t, a) -> t[0].avgPool2d(
        a.ints("kernel"), a.ints("stride"), a.ints("padding")));
    sumOfProducts("adaptiveAvgPool2d", (t, a) -> t[0].adaptiveAvgPool2d(
        a.integer("outHeight"), a.integer("outWidth")));

    op("eq", (t, a) -> t[0].eq(t[1]));
    op("eq_scalar", (t, a) -> t[0].eq(a.number("other")));
    op("ne", (t, a) -> t[0].ne(t[1]));
    op("ne_scalar", (t, a) -> t[0].ne(a.number("other")));
    op("lt", (t, a) -> t[0].lt(t[1]));
    op("lt_scalar", (t, a) -> t[0].lt(a.number("other")));
    op("le", (t, a) -> t[0].le(t[1]));
    op("le_scalar", (t, a) -> t[0].le(a.number("other")));
    op("gt", (t, a) -> t[0].gt(t[1]));
    op("gt_scalar", (t, a) -> t[0].gt(a.number("other")));
    op("ge", (t, a) -> t[0].ge(t[1]));
    op("ge_scalar", (t, a) -> t[0].ge(a.number("other")));
    op("logicalNot", (t, a) -> t[0].logicalNot());
    op("logicalAnd", (t, a) -> t[0].logicalAnd(t[1]));
    op("logicalOr", (t, a) -> t[0].logicalOr(t[1]));
    // OpInfo calls where as input.where(condition, other): the tensors are [input, condition, other].
    op("where", (t, a) -> Tensor.where(t[1], t[0], t[2]));
    op("maskedFill", (t, a) -> t[0].maskedFill(t[1], a.number("value")));
    op("gather", (t, a) -> t[0].gather(a.integer("dim"), t[1]));
    op("indexSelect", (t, a) -> t[0].indexSelect(a.integer("dim"), t[1]));
    // OpInfo calls embedding as weight.embedding(ids): the tensors are [weight, ids].
    op("embedding", (t, a) -> Tensor.embedding(t[1], t[0]));
    op("embedding_padded", (t, a) -> Tensor.embedding(t[1], t[0], a.integer("paddingIdx")));
    op("crossEntropy", (t, a) -> Losses.crossEntropy(t[0], t[1]));
    op("crossEntropy_ignoring", (t, a) -> Losses.crossEntropy(t[0], t[1], a.integer("ignoreIndex")));

    op("erf", (t, a) -> t[0].erf());
    op("gelu", (t, a) -> t[0].gelu(a.string("approximate")));
    op("softplus", (t, a) -> t[0].softplus(a.number("beta"), a.number("threshold")));
    op("leakyRelu", (t, a) -> t[0].leakyRelu(a.number("negativeSlope")));
    op("minimum", (t, a) -> t[0].minimum(t[1]));
    op("maximum", (t, a) -> t[0].maximum(t[1]));
    op("logsumexp", (t, a) -> t[0].logsumexp(a.ints("dims"), a.bool("keepDim")));
    op("min", (t, a) -> t[0].min());
    op("min_dim", (t, a) -> t[0].min(a.integer("dim"), a.bool("keepDim")));
    op("var", (t, a) -> t[0].var(a.ints("dims"), a.integer("correction"), a.bool("keepDim")));
    op("std", (t, a) -> t[0].std(a.ints("dims"), a.integer("correction"), a.bool("keepDim")));
    op("tril", (t, a) -> t[0].tril(a.integer("diagonal")));
    op("triu", (t, a) -> t[0].triu(a.integer("diagonal")));
    op("split", (t, a) -> flattened(t[0].split(a.integer("splitSize"), a.integer("dim"))));
    op("split_sizes", (t, a) -> flattened(t[0].split(a.ints("sizes"), a.integer("dim"))));
    op("chunk", (t, a) -> flattened(t[0].chunk(a.integer("chunks"), a.integer("dim"))));
    op("repeat", (t, a) -> t[0].repeat(a.ints("repeats")));
    op("layerNorm", (t, a) -> {
      Tensor[] weightAndBias = optional(t, 1, a);
      return t[0].layerNorm(a.ints("normalizedShape"), weightAndBias[0], weightAndBias[1],
          a.number("eps"));
    });
    op("batchNorm", (t, a) -> {
      Tensor[] given = optional(t, 1, a);
      // The running statistics are updated in place in training and have no gradient.
      return Tensor.batchNorm(t[0], detached(given[0]), detached(given[1]), given[2], given[3],
          a.bool("training"), a.number("momentum"), a.number("eps"));
    });
  }

  private OpInfoAdapters() {}

  /** Every call by name, in the order above. */
  static Map<String, Adapter> all() {
    return Collections.unmodifiableMap(ADAPTERS);
  }

  /** A call whose result is a few roundings from each exact value, or moves values unchanged. */
  private static void op(String name, Call call) {
    add(name, new Adapter(call, false));
  }

  /** A call that sums products of its inputs' elements. */
  private static void sumOfProducts(String name, Call call) {
    add(name, new Adapter(call, true));
  }

  /**
   * The optional tensors of a call from {@code tensors[from]} on, in the order of the recorded
   * {@code present} flags (1 for a tensor given, 0 for PyTorch's {@code None}), {@code null} where
   * absent: conv's bias, layer_norm's weight and bias, batch_norm's four.
   */
  private static Tensor[] optional(Tensor[] tensors, int from, OpInfoArgs args) {
    int[] present = args.ints("present");
    Tensor[] out = new Tensor[present.length];
    int next = from;
    for (int i = 0; i < present.length; i++) {
      out[i] = present[i] == 1 ? tensors[next++] : null;
    }
    return out;
  }

  private static Tensor detached(Tensor tensor) {
    return tensor == null ? null : tensor.detach();
  }

  /**
   * split's and chunk's pieces flattened end to end, as the script records PyTorch's: every value
   * and gradient of every piece, in order, is compared.
   */
  private static Tensor flattened(Tensor[] pieces) {
    return Tensor.cat(0, Arrays.stream(pieces).map(piece -> piece.reshape(-1))
        .toArray(Tensor[]::new));
  }

  private static void add(String name, Adapter adapter) {
    if (ADAPTERS.put(name, adapter) != null) {
      throw new IllegalStateException("two adapters for " + name);
    }
  }
}
