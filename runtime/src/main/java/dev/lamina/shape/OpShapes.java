package dev.lamina.shape;

import dev.lamina.shapes.rules.Outcome;
import dev.lamina.shapes.rules.ShapeRules;
import dev.lamina.shapes.rules.SymbolicSize;
import dev.lamina.shapes.rules.TracedShape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The result shape of each op at run time, from the rule the processor traces {@code forward}
 * bodies with ({@link ShapeRules}): one rule per op, applied here to concrete sizes, where every
 * size is a literal and so every mistake provable. A mistake is reported with the rule's words,
 * after the op and its operands' shapes: {@code matmul: shapes [2, 5] and [3, 5]: 5 and 3 differ;
 * did you mean other.t()?}.
 *
 * <p>The shapes a model sees repeat from step to step, so the commonest rules are remembered: a
 * small table, keyed by the op and its operands' shapes and arguments, holds the last results, and
 * a repeated call costs a lookup and a copy of the result.
 */
public final class OpShapes {
  private static final Memo MEMO = new Memo(512);

  private OpShapes() {}

  /**
   * The shape two operands of an element-wise {@code op} broadcast to.
   *
   * @throws IllegalArgumentException naming {@code op} and both shapes when they do not broadcast
   */
  public static int[] broadcast(String op, int[] a, int[] b) {
    int[] known = MEMO.get(op, a, b, null, 0, 0);
    if (known == null) {
      known = MEMO.put(op, a, b, null, 0, 0, result(op, "shapes " + format(a) + " and "
          + format(b), ShapeRules.broadcast(TracedShape.of(a), TracedShape.of(b))));
    }
    return known.clone();
  }

  /** {@code a.matmul(b)} with {@code torch.matmul}'s rules for every rank. */
  public static int[] matmul(int[] a, int[] b) {
    return checkMatmul(a, b).clone();
  }

  /** Checks {@code a.matmul(b)}; the result is the table's own, not to be changed. */
  private static int[] checkMatmul(int[] a, int[] b) {
    int[] known = MEMO.get("matmul", a, b, null, 0, 0);
    if (known == null) {
      known = MEMO.put("matmul", a, b, null, 0, 0, result("matmul", "shapes " + format(a)
          + " and " + format(b), ShapeRules.matmul(TracedShape.of(a), TracedShape.of(b),
              "other")));
    }
    return known;
  }

  /** Checks that {@code a.matmul(b)} is defined, as {@link #matmul}, without its result. */
  public static void requireMatmul(int[] a, int[] b) {
    checkMatmul(a, b);
  }

  /**
   * Checks {@code x.linear(weight, bias)}: {@code weight} {@code [out, in]}, {@code bias}
   * {@code [out]} or null.
   */
  public static void requireLinear(int[] x, int[] weight, int[] bias) {
    int flag = bias == null ? 0 : 1;
    if (MEMO.get("linear", x, weight, bias, flag, 0) != null) {
      return;
    }
    Outcome outcome = ShapeRules.linear(TracedShape.of(x), TracedShape.of(weight),
        bias == null ? null : TracedShape.of(bias), "weight");
    String operands = "input " + format(x) + " and weight " + format(weight)
        + (bias == null ? "" : " and bias " + format(bias));
    MEMO.put("linear", x, weight, bias, flag, 0, result("linear", operands, outcome));
  }

  /** {@code a.transpose(dim0, dim1)}. */
  public static int[] transpose(int[] a, int dim0, int dim1) {
    int[] known = MEMO.get("transpose", a, null, null, dim0, dim1);
    if (known == null) {
      known = MEMO.put("transpose", a, null, null, dim0, dim1, result("transpose",
          "shape " + format(a), ShapeRules.transpose(TracedShape.of(a), dim0, dim1)));
    }
    return known.clone();
  }

  /** {@code a.t()}: at most 2 dimensions. */
  public static int[] t(int[] a) {
    int[] known = MEMO.get("t", a, null, null, 0, 0);
    if (known == null) {
      known = MEMO.put("t", a, null, null, 0, 0,
          result("t", "shape " + format(a), ShapeRules.t(TracedShape.of(a))));
    }
    return known.clone();
  }

  /** {@code a.permute(order)}: each dim named once. */
  public static int[] permute(int[] a, int[] order) {
    int[] known = MEMO.get("permute", a, order, null, 0, 0);
    if (known == null) {
      known = MEMO.put("permute", a, order, null, 0, 0, result("permute",
          "shape " + format(a) + " and order " + format(order),
          ShapeRules.permute(TracedShape.of(a), order)));
    }
    return known.clone();
  }

  /** A reduction {@code op} over {@code dims} (each in range; a scalar takes 0 and -1). */
  public static int[] reduce(String op, int[] a, int[] dims, boolean keepDim) {
    return checkReduce(op, a, dims, keepDim).clone();
  }

  /** Checks a reduction, as {@link #reduce}, without its result. */
  public static void requireReduce(String op, int[] a, int[] dims, boolean keepDim) {
    checkReduce(op, a, dims, keepDim);
  }

  private static int[] checkReduce(String op, int[] a, int[] dims, boolean keepDim) {
    int flag = keepDim ? 1 : 0;
    int[] known = MEMO.get(op, a, dims, null, flag, 0);
    if (known == null) {
      known = MEMO.put(op, a, dims, null, flag, 0, result(op, "shape " + format(a),
          ShapeRules.reduce(op, TracedShape.of(a), dims, keepDim)));
    }
    return known;
  }

  /** Checks a reduction along one dim, as {@link #reduce} over {@code {dim}}. */
  public static void requireReduce(String op, int[] a, int dim) {
    if (MEMO.get(op, a, null, null, 2, dim) == null) {
      MEMO.put(op, a, null, null, 2, dim, result(op, "shape " + format(a),
          ShapeRules.reduce(op, TracedShape.of(a), new int[] {dim}, false)));
    }
  }

  /** {@code a.unsqueeze(dim)}. */
  public static int[] unsqueeze(int[] a, int dim) {
    int[] known = MEMO.get("unsqueeze", a, null, null, 0, dim);
    if (known == null) {
      known = MEMO.put("unsqueeze", a, null, null, 0, dim, result("unsqueeze",
          "shape " + format(a), ShapeRules.unsqueeze(TracedShape.of(a), dim)));
    }
    return known.clone();
  }

  /** {@code a.squeeze(dim)}. */
  public static int[] squeeze(int[] a, int dim) {
    int[] known = MEMO.get("squeeze", a, null, null, 1, dim);
    if (known == null) {
      known = MEMO.put("squeeze", a, null, null, 1, dim, result("squeeze",
          "shape " + format(a), ShapeRules.squeeze(TracedShape.of(a), dim)));
    }
    return known.clone();
  }

  /** {@code a.squeeze()}. */
  public static int[] squeeze(int[] a) {
    int[] known = MEMO.get("squeeze", a, null, null, 0, 0);
    if (known == null) {
      known = MEMO.put("squeeze", a, null, null, 0, 0, result("squeeze",
          "shape " + format(a), ShapeRules.squeeze(TracedShape.of(a))));
    }
    return known.clone();
  }

  /** {@code a.flatten(startDim)}. */
  public static int[] flatten(int[] a, int startDim) {
    int[] known = MEMO.get("flatten", a, null, null, 0, startDim);
    if (known == null) {
      known = MEMO.put("flatten", a, null, null, 0, startDim, result("flatten",
          "shape " + format(a), ShapeRules.flatten(TracedShape.of(a), startDim)));
    }
    return known.clone();
  }

  /** {@code a.reshape(sizes)}: one size may be -1, inferred. */
  public static int[] reshape(int[] a, int[] sizes) {
    int[] known = MEMO.get("reshape", a, sizes, null, 0, 0);
    if (known == null) {
      List<SymbolicSize> requested = new ArrayList<>(sizes.length);
      for (int size : sizes) {
        requested.add(size == -1 ? null : SymbolicSize.of(size));
      }
      known = MEMO.put("reshape", a, sizes, null, 0, 0, result("reshape",
          "shape " + format(a) + " to " + format(sizes),
          ShapeRules.reshape(TracedShape.of(a), requested)));
    }
    return known.clone();
  }

  /** {@code Tensor.cat(dim, parts)}, skipping {@code [0]} vectors as {@code torch.cat} does. */
  public static int[] cat(int dim, int[][] parts) {
    return result("cat", "shapes " + formatAll(parts), ShapeRules.cat(dim, traced(parts)));
  }

  /** {@code Tensor.stack(dim, parts)}. */
  public static int[] stack(int dim, int[][] parts) {
    return result("stack", "shapes " + formatAll(parts), ShapeRules.stack(dim, traced(parts)));
  }

  /**
   * Checks {@code Tensor.einsum(equation, operands)}: the result's shape where the rule follows
   * the equation (an explicit output, no ellipsis), else null, the op's own reading then deciding.
   */
  public static int[] einsum(String equation, int[][] operands) {
    Outcome outcome = ShapeRules.einsum(equation, traced(operands));
    String operandsText = "\"" + equation + "\" and shapes " + formatAll(operands);
    if (outcome.failed()) {
      throw failure("einsum", operandsText, outcome);
    }
    return outcome.shape().literalSizes();
  }

  /**
   * A convolution's output shape: {@code x} {@code [N, C, *spatial]} or {@code [C, *spatial]},
   * {@code weight} {@code [O, C/groups, *kernel]}, {@code bias} {@code [O]} or null, the window's
   * hyperparameters one entry per spatial dimension ({@code spatial} of them).
   */
  public static int[] convolution(String op, int spatial, int[] x, int[] weight, int[] bias,
      int groups, int[] stride, int[] padding, int[] dilation) {
    Outcome outcome = ShapeRules.convolution(op, TracedShape.of(x), TracedShape.of(weight),
        bias == null ? null : TracedShape.of(bias), groups, spatial, stride, padding, dilation);
    return result(op, "input " + format(x) + " and weight " + format(weight)
        + (bias == null ? "" : " and bias " + format(bias)), outcome);
  }

  /** A 2-d pooling's output shape, its window's hyperparameters each (height, width). */
  public static int[] pool2d(String op, int[] x, int[] kernel, int[] stride, int[] padding,
      int[] dilation) {
    return result(op, "input " + format(x) + " with kernel_size " + format(kernel) + ", stride "
        + format(stride) + ", padding " + format(padding) + " and dilation " + format(dilation),
        ShapeRules.pool2d(op, TracedShape.of(x), kernel, stride, padding, dilation));
  }

  private static List<TracedShape> traced(int[][] shapes) {
    List<TracedShape> out = new ArrayList<>(shapes.length);
    for (int[] shape : shapes) {
      out.add(TracedShape.of(shape));
    }
    return out;
  }

  private static int[] result(String op, String operands, Outcome outcome) {
    if (outcome.failed()) {
      throw failure(op, operands, outcome);
    }
    int[] sizes = outcome.shape().literalSizes();
    if (sizes == null) {
      throw new IllegalStateException(op + " of " + operands + ": the shape rule left "
          + outcome.shape() + " open");
    }
    return sizes;
  }

  private static RuntimeException failure(String op, String operands, Outcome outcome) {
    String message = op + ": " + operands + ": " + outcome.problem()
        + (outcome.hint() == null ? "" : "; did you mean " + outcome.hint() + "?");
    return outcome.index()
        ? new IndexOutOfBoundsException(message) : new IllegalArgumentException(message);
  }

  private static String format(int[] shape) {
    return Arrays.toString(shape);
  }

  private static String formatAll(int[][] shapes) {
    List<String> out = new ArrayList<>(shapes.length);
    for (int[] shape : shapes) {
      out.add(format(shape));
    }
    return String.join(", ", out);
  }

  /**
   * The last results of the rules, by op, operand shapes and arguments (up to three arrays and two
   * ints), two entries to a slot. Entries are immutable and replaced whole, so threads may share
   * the table without locks: a reader sees an old entry, a new one, or none, and each is right for
   * its key. A result handed out of the table is the table's own array, which callers copy before
   * giving it away.
   */
  private static final class Memo {
    private final Entry[] entries;

    Memo(int size) {
      entries = new Entry[size];
    }

    int[] get(String op, int[] a, int[] b, int[] c, int f, int g) {
      int slot = slot(op, a, b, c, f, g);
      Entry entry = entries[slot];
      if (entry != null && entry.matches(op, a, b, c, f, g)) {
        return entry.result;
      }
      entry = entries[slot ^ 1];
      if (entry != null && entry.matches(op, a, b, c, f, g)) {
        return entry.result;
      }
      return null;
    }

    /**
     * Puts the entry in the first of its two slots and moves what was there to the second, so
     * that two keys of one slot (a layer's two shapes, say) both stay.
     */
    int[] put(String op, int[] a, int[] b, int[] c, int f, int g, int[] result) {
      int slot = slot(op, a, b, c, f, g);
      Entry previous = entries[slot];
      if (previous != null) {
        entries[slot ^ 1] = previous;
      }
      entries[slot] = new Entry(op, a.clone(), b == null ? null : b.clone(),
          c == null ? null : c.clone(), f, g, result);
      return result;
    }

    private int slot(String op, int[] a, int[] b, int[] c, int f, int g) {
      int h = op.hashCode();
      h = 31 * h + Arrays.hashCode(a);
      h = 31 * h + (b == null ? 0 : Arrays.hashCode(b));
      h = 31 * h + (c == null ? 0 : Arrays.hashCode(c));
      h = 31 * (31 * h + f) + g;
      h ^= h >>> 16;
      return h & (entries.length - 1);
    }

    private static final class Entry {
      final String op;
      final int[] a;
      final int[] b;
      final int[] c;
      final int f;
      final int g;
      final int[] result;

      Entry(String op, int[] a, int[] b, int[] c, int f, int g, int[] result) {
        this.op = op;
        this.a = a;
        this.b = b;
        this.c = c;
        this.f = f;
        this.g = g;
        this.result = result;
      }

      boolean matches(String op, int[] a, int[] b, int[] c, int f, int g) {
        return this.f == f && this.g == g && this.op.equals(op) && Arrays.equals(this.a, a)
            && Arrays.equals(this.b, b) && Arrays.equals(this.c, c);
      }
    }
  }
}
