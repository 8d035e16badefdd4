package dev.lamina.shapes.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One shape rule per op, as PyTorch defines the op's shapes, over {@link TracedShape}s: each gives
 * the result's shape, or the problem it can prove. Where a rule cannot know (an open prefix, an
 * unknown size, a name against a literal) it proves nothing and the result is as much as it knows;
 * so a rule never reports what might be right.
 */
public final class ShapeRules {
  private ShapeRules() {}

  /** An element-wise op of two tensors: sizes broadcast from the right, equal or one of them 1. */
  public static Outcome broadcast(TracedShape a, TracedShape b) {
    if (!a.isKnown() || !b.isKnown()) {
      return Outcome.unknown();
    }
    List<SymbolicSize> x = a.sizes();
    List<SymbolicSize> y = b.sizes();
    int n = Math.max(x.size(), y.size());
    List<SymbolicSize> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      SymbolicSize p = i <= x.size() ? x.get(x.size() - i) : null;
      SymbolicSize q = i <= y.size() ? y.get(y.size() - i) : null;
      if (p == null || q == null) {
        boolean hidden = (p == null && a.hasOpenPrefix()) || (q == null && b.hasOpenPrefix());
        out.add(hidden ? SymbolicSize.unknown() : p == null ? q : p);
        continue;
      }
      if (p.isOne()) {
        out.add(q);
      } else if (q.isOne() || p.sameAs(q)) {
        out.add(p);
      } else if (p.differsFrom(q)) {
        return Outcome.problem(p + " and " + q + " differ and neither is 1, so they do not"
            + " broadcast");
      } else {
        out.add(p.isKnown() && q.literal() == null ? p : q);
      }
    }
    Collections.reverse(out);
    boolean open = a.hasOpenPrefix() || b.hasOpenPrefix();
    return Outcome.of(open ? TracedShape.trailing(out) : TracedShape.of(out));
  }

  /**
   * {@code a.matmul(b)}, as {@code torch.matmul}: the last size of {@code a} against the
   * next-to-last of {@code b} (its only one for a vector); batch dimensions broadcast.
   */
  public static Outcome matmul(TracedShape a, TracedShape b, String bText) {
    if ((a.hasRank() && a.rank() == 0) || (b.hasRank() && b.rank() == 0)) {
      return Outcome.problem("matmul takes tensors of at least one dimension");
    }
    if (!a.isKnown() || !b.isKnown() || a.sizes().isEmpty() || b.sizes().isEmpty()) {
      return Outcome.unknown();
    }
    boolean bVector = b.hasRank() && b.rank() == 1;
    boolean bMatrix = b.sizes().size() >= 2;
    if (!bVector && !bMatrix) {
      return Outcome.unknown();
    }
    SymbolicSize inner = a.size(-1);
    SymbolicSize against = bVector ? b.size(-1) : b.size(-2);
    if (inner.differsFrom(against)) {
      String problem = inner + " and " + against + " differ";
      boolean transposed = bMatrix && b.hasRank() && b.rank() == 2 && inner.sameAs(b.size(-1));
      return transposed ? Outcome.problem(problem, bText + ".t()") : Outcome.problem(problem);
    }
    boolean aVector = a.hasRank() && a.rank() == 1;
    List<SymbolicSize> out = new ArrayList<>();
    if (aVector && bVector) {
      return Outcome.of(TracedShape.of(List.of()));
    }
    if (aVector) {
      List<SymbolicSize> batch = b.sizes().subList(0, b.sizes().size() - 2);
      out.addAll(batch);
      out.add(b.size(-1));
      return Outcome.of(b.hasOpenPrefix() ? TracedShape.trailing(out) : TracedShape.of(out));
    }
    if (bVector) {
      out.addAll(a.sizes().subList(0, a.sizes().size() - 1));
      return Outcome.of(a.hasOpenPrefix() ? TracedShape.trailing(out) : TracedShape.of(out));
    }
    List<SymbolicSize> aBatch = a.sizes().size() >= 2
        ? a.sizes().subList(0, a.sizes().size() - 2) : List.of();
    List<SymbolicSize> bBatch = b.sizes().subList(0, b.sizes().size() - 2);
    boolean aOpen = a.hasOpenPrefix() || a.sizes().size() < 2;
    Outcome batch = broadcast(aOpen ? TracedShape.trailing(aBatch) : TracedShape.of(aBatch),
        b.hasOpenPrefix() ? TracedShape.trailing(bBatch) : TracedShape.of(bBatch));
    if (batch.failed()) {
      return Outcome.problem("their batch dimensions do not broadcast: " + batch.problem());
    }
    out.addAll(batch.shape().sizes());
    out.add(a.sizes().size() >= 2 ? a.size(-2) : SymbolicSize.unknown());
    out.add(b.size(-1));
    return Outcome.of(batch.shape().hasOpenPrefix() || !batch.shape().isKnown()
        ? TracedShape.trailing(out) : TracedShape.of(out));
  }

  /**
   * {@code x.linear(weight, bias)}, as {@code F.linear}: {@code weight} is {@code [out, in]}, the
   * last size of {@code x} is {@code in}, the result ends in {@code out}; {@code bias} is
   * {@code [out]} or null.
   */
  public static Outcome linear(TracedShape x, TracedShape weight, TracedShape bias,
      String weightText) {
    if (weight.hasRank() && weight.rank() != 2) {
      return Outcome.problem("linear takes a weight of 2 dimensions [out, in], but it has "
          + weight.rank());
    }
    if (x.hasRank() && x.rank() == 0) {
      return Outcome.problem("linear takes an input of at least one dimension");
    }
    if (!x.isKnown() || !weight.hasRank() || x.sizes().isEmpty()) {
      return Outcome.unknown();
    }
    SymbolicSize in = x.size(-1);
    if (in.differsFrom(weight.size(1))) {
      String problem = "linear takes a weight [out, in], and " + in + " and " + weight.size(1)
          + " differ";
      return in.sameAs(weight.size(0))
          ? Outcome.problem(problem, weightText + ".t(), a weight laid out [in, out]")
          : Outcome.problem(problem);
    }
    if (bias != null && bias.hasRank()
        && (bias.rank() != 1 || bias.size(0).differsFrom(weight.size(0)))) {
      return Outcome.problem("the bias " + bias + " does not match the weight's " + weight.size(0)
          + " outputs");
    }
    List<SymbolicSize> out = new ArrayList<>(x.sizes().subList(0, x.sizes().size() - 1));
    out.add(weight.size(0));
    return Outcome.of(x.hasOpenPrefix() ? TracedShape.trailing(out) : TracedShape.of(out));
  }

  /** {@code a.transpose(dim0, dim1)}: the two sizes swapped. */
  public static Outcome transpose(TracedShape a, int dim0, int dim1) {
    Outcome range = checkDims(a, "transpose", dim0, dim1);
    if (range != null) {
      return range;
    }
    if (!a.hasRank()) {
      return Outcome.unknown();
    }
    if (a.rank() == 0) {
      return Outcome.of(a);
    }
    List<SymbolicSize> out = new ArrayList<>(a.sizes());
    int i = normalize(dim0, a.rank());
    int j = normalize(dim1, a.rank());
    Collections.swap(out, i, j);
    return Outcome.of(TracedShape.of(out));
  }

  /** {@code a.t()}: a matrix transposed, a vector or scalar as it is. */
  public static Outcome t(TracedShape a) {
    if (!a.hasRank()) {
      return Outcome.unknown();
    }
    if (a.rank() > 2) {
      return Outcome.problem("t() takes at most 2 dimensions, but the tensor has " + a.rank()
          + "; use transpose(-2, -1)");
    }
    return a.rank() < 2 ? Outcome.of(a) : transpose(a, 0, 1);
  }

  /** {@code a.permute(order)}: the sizes in the order given, which must name each dim once. */
  public static Outcome permute(TracedShape a, int[] order) {
    if (!a.hasRank()) {
      return Outcome.unknown();
    }
    if (order.length != a.rank()) {
      return Outcome.problem("permute takes one dim per dimension, " + a.rank() + ", but was given "
          + order.length);
    }
    List<SymbolicSize> out = new ArrayList<>();
    boolean[] seen = new boolean[a.rank()];
    for (int dim : order) {
      Outcome range = checkDims(a, "permute", dim);
      if (range != null) {
        return range;
      }
      int d = normalize(dim, a.rank());
      if (seen[d]) {
        return Outcome.problem("permute names dim " + d + " twice");
      }
      seen[d] = true;
      out.add(a.sizes().get(d));
    }
    return Outcome.of(TracedShape.of(out));
  }

  /**
   * A reduction ({@code sum}, {@code mean}, {@code max}...) over {@code dims}, each once; no dims
   * means all of them, as in PyTorch 1.13.
   */
  public static Outcome reduce(String op, TracedShape a, int[] dims, boolean keepDim) {
    Outcome range = checkDims(a, op, dims);
    if (range != null) {
      return range;
    }
    if (!a.hasRank()) {
      return Outcome.unknown();
    }
    if (a.rank() == 0) {
      return Outcome.of(a);
    }
    boolean[] reduced = new boolean[a.rank()];
    if (dims.length == 0) {
      java.util.Arrays.fill(reduced, true);
    }
    for (int dim : dims) {
      int d = normalize(dim, a.rank());
      if (reduced[d] && dims.length > 0) {
        return Outcome.problem(op + " names dim " + d + " twice");
      }
      reduced[d] = true;
    }
    List<SymbolicSize> out = new ArrayList<>();
    for (int i = 0; i < a.rank(); i++) {
      if (!reduced[i]) {
        out.add(a.sizes().get(i));
      } else if (keepDim) {
        out.add(SymbolicSize.of(1));
      }
    }
    return Outcome.of(TracedShape.of(out));
  }

  /** An op along one dim that keeps the shape ({@code softmax}, {@code logSoftmax}). */
  public static Outcome alongDim(String op, TracedShape a, int dim) {
    Outcome range = checkDims(a, op, dim);
    return range != null ? range : Outcome.of(a);
  }

  /**
   * {@code a.size(dim)}: the size at {@code dim}, which must be in range; unlike the ops, a scalar
   * has no dim 0 here, as in PyTorch.
   */
  public static Outcome size(TracedShape a, int dim) {
    if (Boolean.FALSE.equals(a.inRange(dim))) {
      return Outcome.outOfRange("size dim " + dim + " is out of range for a tensor of " + a.rank()
          + " dimensions " + a);
    }
    return Outcome.of(TracedShape.of(List.of(a.size(dim))));
  }

  /** {@code a.unsqueeze(dim)}: a size 1 inserted; {@code dim} may be one past the last. */
  public static Outcome unsqueeze(TracedShape a, int dim) {
    if (!a.hasRank()) {
      return Outcome.unknown();
    }
    int rank = a.rank() + 1;
    if (dim < -rank || dim >= rank) {
      return Outcome.outOfRange("unsqueeze dim " + dim + " is out of range for " + a.rank()
          + " dimensions (it takes " + -rank + " to " + (rank - 1) + ")");
    }
    List<SymbolicSize> out = new ArrayList<>(a.sizes());
    out.add(normalize(dim, rank), SymbolicSize.of(1));
    return Outcome.of(TracedShape.of(out));
  }

  /** {@code a.flatten(startDim)}: the sizes from {@code startDim} on multiplied into one. */
  public static Outcome flatten(TracedShape a, int startDim) {
    Outcome range = checkDims(a, "flatten", startDim);
    if (range != null || !a.hasRank()) {
      return range != null ? range : Outcome.unknown();
    }
    if (a.rank() == 0) {
      return Outcome.of(TracedShape.of(List.of(SymbolicSize.of(1))));
    }
    int start = normalize(startDim, a.rank());
    List<SymbolicSize> out = new ArrayList<>(a.sizes().subList(0, start));
    SymbolicSize product = SymbolicSize.of(1);
    for (SymbolicSize size : a.sizes().subList(start, a.rank())) {
      product = product.times(size);
    }
    out.add(product);
    return Outcome.of(TracedShape.of(out));
  }

  /**
   * {@code a.squeeze(dim)}: the dim removed when its size is 1, the shape as it is when the size is
   * another literal; unknown when the size might be 1 or not.
   */
  public static Outcome squeeze(TracedShape a, int dim) {
    Outcome range = checkDims(a, "squeeze", dim);
    if (range != null || !a.hasRank()) {
      return range != null ? range : Outcome.unknown();
    }
    if (a.rank() == 0) {
      return Outcome.of(a);
    }
    int d = normalize(dim, a.rank());
    Long size = a.sizes().get(d).literal();
    if (size == null) {
      return Outcome.unknown();
    }
    if (size != 1) {
      return Outcome.of(a);
    }
    List<SymbolicSize> out = new ArrayList<>(a.sizes());
    out.remove(d);
    return Outcome.of(TracedShape.of(out));
  }

  /** {@code a.squeeze()}: every size 1 removed; unknown when some size might be 1. */
  public static Outcome squeeze(TracedShape a) {
    if (!a.hasRank()) {
      return Outcome.unknown();
    }
    List<SymbolicSize> out = new ArrayList<>();
    for (SymbolicSize size : a.sizes()) {
      Long literal = size.literal();
      if (literal == null) {
        return Outcome.unknown();
      }
      if (literal != 1) {
        out.add(size);
      }
    }
    return Outcome.of(TracedShape.of(out));
  }

  /**
   * {@code a.reshape(sizes)}: the same number of elements, one size of {@code -1} (written as a
   * null) taking what is left.
   */
  public static Outcome reshape(TracedShape a, List<SymbolicSize> sizes) {
    SymbolicSize requested = SymbolicSize.of(1);
    int inferred = -1;
    for (int i = 0; i < sizes.size(); i++) {
      SymbolicSize size = sizes.get(i);
      if (size == null) {
        if (inferred >= 0) {
          return Outcome.problem("only one size can be -1");
        }
        inferred = i;
      } else {
        Long literal = size.literal();
        if (literal != null && literal < 0) {
          return Outcome.problem("size " + literal + " is negative");
        }
        requested = requested.times(size);
      }
    }
    SymbolicSize held = null;
    if (a.hasRank()) {
      held = SymbolicSize.of(1);
      for (SymbolicSize size : a.sizes()) {
        held = held.times(size);
      }
    }
    List<SymbolicSize> out = new ArrayList<>();
    for (SymbolicSize size : sizes) {
      out.add(size == null ? SymbolicSize.unknown() : size);
    }
    if (held == null) {
      return Outcome.of(TracedShape.of(out));
    }
    if (inferred < 0) {
      if (held.differsFrom(requested)) {
        return Outcome.problem("it holds " + held + " elements, and " + requested
            + " were asked for");
      }
      return Outcome.of(TracedShape.of(out));
    }
    Long count = held.literal();
    Long rest = requested.literal();
    if (count != null && rest != null) {
      if (rest == 0 || count % rest != 0) {
        return Outcome.problem("it holds " + count + " elements, which " + rest
            + (rest == 0 ? " elements with a size of -1 cannot hold"
                : " do not divide, so no size fits the -1"));
      }
      out.set(inferred, SymbolicSize.of(count / rest));
    } else if (requested.isOne()) {
      out.set(inferred, held);
    }
    return Outcome.of(TracedShape.of(out));
  }

  /** {@code Tensor.cat(dim, parts)}: same rank, the same sizes but along {@code dim}. */
  public static Outcome cat(int dim, List<TracedShape> parts) {
    return join("cat", dim, parts, false);
  }

  /** {@code Tensor.stack(dim, parts)}: the same shapes, a new dimension at {@code dim}. */
  public static Outcome stack(int dim, List<TracedShape> parts) {
    return join("stack", dim, parts, true);
  }

  private static Outcome join(String op, int dim, List<TracedShape> parts, boolean stack) {
    if (parts.isEmpty()) {
      return Outcome.problem(op + " takes at least one tensor");
    }
    for (TracedShape part : parts) {
      if (!part.hasRank()) {
        return Outcome.unknown();
      }
    }
    List<Integer> numbers = new ArrayList<>();
    List<TracedShape> joined = new ArrayList<>();
    for (int k = 0; k < parts.size(); k++) {
      TracedShape part = parts.get(k);
      if (!stack && part.rank() == 0) {
        return Outcome.problem("tensor " + k + " has no dimensions, and cat joins along one");
      }
      boolean legacyEmpty = part.rank() == 1 && Long.valueOf(0).equals(part.size(0).literal());
      if (stack || !legacyEmpty) {
        numbers.add(k);
        joined.add(part);
      }
    }
    if (joined.isEmpty()) {
      return Outcome.of(parts.get(0));
    }
    TracedShape first = joined.get(0);
    int firstNumber = numbers.get(0);
    int rank = first.rank();
    int range = stack ? rank + 1 : rank;
    if (dim < -range || dim >= range) {
      return Outcome.outOfRange(op + " dim " + dim + " is out of range for tensors of " + rank
          + " dimensions");
    }
    int d = normalize(dim, range);
    SymbolicSize along = SymbolicSize.of(0);
    for (int j = 0; j < joined.size(); j++) {
      TracedShape part = joined.get(j);
      int k = numbers.get(j);
      if (part.rank() != rank) {
        return Outcome.problem("tensor " + k + " has " + part.rank() + " dimensions and tensor "
            + firstNumber + " " + rank);
      }
      for (int i = 0; i < rank; i++) {
        if ((stack || i != d) && part.sizes().get(i).differsFrom(first.sizes().get(i))) {
          return Outcome.problem("tensor " + k + " " + part + " and tensor " + firstNumber + " "
              + first + " differ in dim " + i + ", " + part.sizes().get(i) + " and "
              + first.sizes().get(i));
        }
      }
      if (!stack) {
        along = along.plus(part.sizes().get(d));
      }
    }
    List<SymbolicSize> out = new ArrayList<>(first.sizes());
    if (stack) {
      out.add(d, SymbolicSize.of(joined.size()));
    } else {
      out.set(d, along);
    }
    return Outcome.of(TracedShape.of(out));
  }

  /**
   * {@code Tensor.einsum(equation, operands)} with an explicit output ({@code "ij,jk->ik"}): each
   * letter one size wherever it appears (or 1, which broadcasts), the output in the letters' order.
   * Ellipses are not followed.
   */
  public static Outcome einsum(String equation, List<TracedShape> operands) {
    String compact = equation.replace(" ", "");
    int arrow = compact.indexOf("->");
    if (arrow < 0 || compact.contains(".")) {
      return Outcome.unknown();
    }
    String[] inputs = compact.substring(0, arrow).split(",", -1);
    String output = compact.substring(arrow + 2);
    if (inputs.length != operands.size()) {
      return Outcome.problem("the equation has " + inputs.length + " operands and "
          + operands.size() + " were given");
    }
    Map<Character, SymbolicSize> sizes = new LinkedHashMap<>();
    Map<Character, String> where = new LinkedHashMap<>();
    for (int k = 0; k < inputs.length; k++) {
      TracedShape operand = operands.get(k);
      if (!operand.hasRank()) {
        continue;
      }
      if (operand.rank() != inputs[k].length()) {
        return Outcome.problem("operand " + k + " " + operand + " has " + operand.rank()
            + " dimensions, but \"" + inputs[k] + "\" names " + inputs[k].length());
      }
      for (int i = 0; i < inputs[k].length(); i++) {
        char letter = inputs[k].charAt(i);
        SymbolicSize size = operand.sizes().get(i);
        SymbolicSize seen = sizes.get(letter);
        if (seen == null || !seen.isKnown() || (seen.isOne() && size.isKnown())) {
          sizes.put(letter, size);
          where.put(letter, "operand " + k);
        } else if (!size.isOne() && seen.differsFrom(size)) {
          return Outcome.problem(where.get(letter).equals("operand " + k)
              ? "letter " + letter + " is both " + seen + " and " + size + " in operand " + k
              : "letter " + letter + " is " + seen + " in " + where.get(letter) + " and " + size
                  + " in operand " + k);
        }
      }
    }
    List<SymbolicSize> out = new ArrayList<>();
    for (char letter : output.toCharArray()) {
      out.add(sizes.getOrDefault(letter, SymbolicSize.unknown()));
    }
    return Outcome.of(TracedShape.of(out));
  }

  /**
   * The positions a window takes along a dimension of size {@code in}, as convolution and pooling
   * slide it (PyTorch's formula, without {@code ceil_mode}):
   * {@code floor((in + 2 padding - dilation (kernel - 1) - 1) / stride) + 1}; less than 1 when the
   * padded input is shorter than the dilated kernel.
   */
  public static long windowPositions(long in, int kernel, int stride, int padding, int dilation) {
    long span = in + 2L * padding - (long) dilation * (kernel - 1) - 1;
    return span < 0 ? 0 : span / stride + 1;
  }

  /**
   * {@code x.conv2d(weight, ...)} ({@code spatial} 2) or {@code conv1d} ({@code spatial} 1), as
   * PyTorch's: {@code x} is {@code [N, C, *spatial]} (or unbatched {@code [C, *spatial]}), the
   * weight {@code [O, C/groups, *kernel]}; the result has {@code O} channels and spatial sizes
   * unknown (the window's hyperparameters are not given).
   */
  public static Outcome convolution(String op, TracedShape x, TracedShape weight, int groups,
      int spatial) {
    return convolution(op, x, weight, null, groups, spatial, null, null, null);
  }

  /**
   * As {@link #convolution(String, TracedShape, TracedShape, int, int)}, with a bias
   * ({@code [O]}, or null for none) and the window's stride, padding and dilation, one entry per
   * spatial dimension (or null when not known): each output size is {@link #windowPositions} of
   * the input's where both are literals, and must be at least 1.
   */
  public static Outcome convolution(String op, TracedShape x, TracedShape weight, TracedShape bias,
      int groups, int spatial, int[] stride, int[] padding, int[] dilation) {
    if (groups < 1) {
      return Outcome.problem(op + " takes a positive number of groups, not " + groups);
    }
    if (!weight.hasRank() || weight.rank() != spatial + 2) {
      return weight.hasRank()
          ? Outcome.problem(op + " takes a weight of " + (spatial + 2) + " dimensions [out,"
              + " in/groups, kernel...], but it has " + weight.rank())
          : Outcome.unknown();
    }
    Long outChannels = weight.size(0).literal();
    if (outChannels != null && outChannels % groups != 0) {
      return Outcome.problem("the weight's " + outChannels + " output channels do not divide into "
          + groups + " groups");
    }
    if (bias != null && bias.hasRank()
        && (bias.rank() != 1 || bias.size(0).differsFrom(weight.size(0)))) {
      return Outcome.problem("the bias " + bias + " does not match the weight's " + weight.size(0)
          + " output channels");
    }
    if (!x.hasRank()) {
      return Outcome.unknown();
    }
    if (x.rank() != spatial + 2 && x.rank() != spatial + 1) {
      return Outcome.problem(op + " takes an input of " + (spatial + 1) + " or " + (spatial + 2)
          + " dimensions, but it has " + x.rank());
    }
    int channelDim = x.rank() == spatial + 2 ? 1 : 0;
    SymbolicSize channels = x.sizes().get(channelDim);
    SymbolicSize expected = weight.size(1).times(SymbolicSize.of(groups));
    if (channels.differsFrom(expected)) {
      return Outcome.problem("the input has " + channels + " channels, and the weight takes "
          + expected + (groups == 1 ? "" : " (" + weight.size(1) + " per group of " + groups + ")"));
    }
    List<SymbolicSize> out = new ArrayList<>();
    if (channelDim == 1) {
      out.add(x.sizes().get(0));
    }
    out.add(weight.size(0));
    for (int i = 0; i < spatial; i++) {
      Outcome size = windowSize(op, x.sizes().get(channelDim + 1 + i),
          weight.sizes().get(2 + i).literal(), stride, padding, dilation, i);
      if (size.failed()) {
        return size;
      }
      out.add(size.shape().sizes().get(0));
    }
    return Outcome.of(TracedShape.of(out));
  }

  /**
   * A 2-d pooling of {@code [N, C, H, W]} or {@code [C, H, W]}: the leading sizes kept, the
   * spatial ones {@code size} (an adaptive pooling's) or unknown (null).
   */
  public static Outcome pool2d(String op, TracedShape x, SymbolicSize height, SymbolicSize width) {
    if (!x.hasRank()) {
      return Outcome.unknown();
    }
    if (x.rank() != 3 && x.rank() != 4) {
      return Outcome.problem(op + " takes an input of 3 or 4 dimensions, but it has " + x.rank());
    }
    List<SymbolicSize> out = new ArrayList<>(x.sizes().subList(0, x.rank() - 2));
    out.add(height == null ? SymbolicSize.unknown() : height);
    out.add(width == null ? SymbolicSize.unknown() : width);
    return Outcome.of(TracedShape.of(out));
  }

  /**
   * A 2-d max or average pooling with its window: {@code kernel}, {@code stride},
   * {@code padding} and {@code dilation} each (height, width); the padding at most half the dilated
   * kernel, so that every window holds an input, as PyTorch requires. Each spatial size is
   * {@link #windowPositions} of the input's where it is a literal.
   */
  public static Outcome pool2d(String op, TracedShape x, int[] kernel, int[] stride,
      int[] padding, int[] dilation) {
    for (int i = 0; i < 2; i++) {
      Outcome arguments = windowSize(op, SymbolicSize.unknown(), (long) kernel[i], stride,
          padding, dilation, i);
      if (arguments.failed()) {
        return arguments;
      }
      int half = (dilation[i] * (kernel[i] - 1) + 1) / 2;
      if (padding[i] > half) {
        return Outcome.problem("the padding " + padding[i] + " is more than half of the kernel's "
            + (dilation[i] * (kernel[i] - 1) + 1) + (i == 0 ? " rows" : " columns"));
      }
    }
    Outcome pooled = pool2d(op, x, null, null);
    if (pooled.failed() || !pooled.shape().hasRank()) {
      return pooled;
    }
    List<SymbolicSize> out = new ArrayList<>(x.sizes().subList(0, x.rank() - 2));
    for (int i = 0; i < 2; i++) {
      Outcome size = windowSize(op, x.sizes().get(x.rank() - 2 + i), (long) kernel[i], stride,
          padding, dilation, i);
      if (size.failed()) {
        return size;
      }
      out.add(size.shape().sizes().get(0));
    }
    return Outcome.of(TracedShape.of(out));
  }

  /** The output size along spatial dim {@code i}, as a shape of one size, or the problem. */
  private static Outcome windowSize(String op, SymbolicSize in, Long kernel, int[] stride,
      int[] padding, int[] dilation, int i) {
    if (stride != null && stride[i] < 1) {
      return Outcome.problem("the stride " + stride[i] + " is not positive");
    }
    if (padding != null && padding[i] < 0) {
      return Outcome.problem("the padding " + padding[i] + " is negative");
    }
    if (dilation != null && dilation[i] < 1) {
      return Outcome.problem("the dilation " + dilation[i] + " is not positive");
    }
    if (kernel != null && kernel < 1) {
      return Outcome.problem("the kernel size " + kernel + " is not positive");
    }
    Long size = in.literal();
    if (size == null || kernel == null || stride == null || padding == null
        || dilation == null) {
      return Outcome.of(TracedShape.of(List.of(SymbolicSize.unknown())));
    }
    int k = kernel.intValue();
    long positions = windowPositions(size, k, stride[i], padding[i], dilation[i]);
    if (positions < 1) {
      return Outcome.problem("the input's " + size + " positions padded by " + padding[i]
          + " on each side are fewer than the kernel's " + ((long) dilation[i] * (k - 1) + 1)
          + " (dilated by " + dilation[i] + ")");
    }
    return Outcome.of(TracedShape.of(List.of(SymbolicSize.of(positions))));
  }

  /** Null when every dim is in range (or may be); else the problem. */
  private static Outcome checkDims(TracedShape a, String op, int... dims) {
    for (int dim : dims) {
      boolean scalarDim = a.hasRank() && a.rank() == 0 && (dim == 0 || dim == -1);
      if (!scalarDim && Boolean.FALSE.equals(a.inRange(dim))) {
        return Outcome.outOfRange(op + " dim " + dim + " is out of range for a tensor of "
            + a.rank() + " dimensions " + a);
      }
    }
    return null;
  }

  private static int normalize(int dim, int rank) {
    return dim < 0 ? dim + rank : dim;
  }
}
