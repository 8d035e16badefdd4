package dev.lamina.ops;

import dev.lamina.Tensor;
import dev.lamina.annotations.DType;
import dev.lamina.kernels.Shapes;

/**
 * Element-wise comparisons ({@code eq, ne, lt, le, gt, ge}) and logical operations
 * ({@code not, and, or}), with PyTorch's broadcasting, giving bool tensors. Not differentiable:
 * the result carries no graph, as in PyTorch.
 *
 * <p>Two int64 operands compare as longs, exactly; any other pair compares as floats (an int64 or
 * bool operand is converted, as PyTorch promotes {@code int64 < float32} to float32), so NaN is
 * unequal to everything, itself included.
 */
public final class Comparison {
  private Comparison() {}

  /** A relation between two elements, under PyTorch's name for it. */
  public enum Relation {
    EQ("eq"),
    NE("ne"),
    LT("lt"),
    LE("le"),
    GT("gt"),
    GE("ge");

    private final String op;

    Relation(String op) {
      this.op = op;
    }

    boolean holds(float a, float b) {
      return switch (this) {
        case EQ -> a == b;
        case NE -> a != b;
        case LT -> a < b;
        case LE -> a <= b;
        case GT -> a > b;
        case GE -> a >= b;
      };
    }

    boolean holds(long a, long b) {
      return switch (this) {
        case EQ -> a == b;
        case NE -> a != b;
        case LT -> a < b;
        case LE -> a <= b;
        case GT -> a > b;
        case GE -> a >= b;
      };
    }
  }

  /**
   * {@code relation(a, b)} element-wise over the broadcast shape of both, a bool tensor.
   *
   * @throws IllegalArgumentException naming the relation and both shapes when they do not
   *     broadcast
   */
  public static Tensor apply(Relation relation, Tensor a, Tensor b) {
    int[] outShape = Shapes.broadcast(relation.op, a.shape(), b.shape());
    int[] pa = BroadcastIndex.positions(a.shape(), outShape);
    int[] pb = BroadcastIndex.positions(b.shape(), outShape);
    boolean[] out = new boolean[pa.length];
    if (a.dtype() == DType.INT64 && b.dtype() == DType.INT64) {
      long[] av = a.toLongArray();
      long[] bv = b.toLongArray();
      for (int i = 0; i < out.length; i++) {
        out[i] = relation.holds(av[pa[i]], bv[pb[i]]);
      }
    } else {
      float[] av = a.to(DType.FLOAT32).toFloatArray();
      float[] bv = b.to(DType.FLOAT32).toFloatArray();
      for (int i = 0; i < out.length; i++) {
        out[i] = relation.holds(av[pa[i]], bv[pb[i]]);
      }
    }
    return Tensor.ofBooleans(out, outShape);
  }

  /**
   * {@code !x} element-wise for a bool tensor.
   *
   * @throws IllegalArgumentException for any other dtype
   */
  public static Tensor not(Tensor x) {
    boolean[] values = booleans("logicalNot", x);
    for (int i = 0; i < values.length; i++) {
      values[i] = !values[i];
    }
    return Tensor.ofBooleans(values, x.shape());
  }

  /**
   * {@code a && b} element-wise over the broadcast shape of two bool tensors.
   *
   * @throws IllegalArgumentException for any other dtype, or shapes that do not broadcast
   */
  public static Tensor and(Tensor a, Tensor b) {
    return logical("logicalAnd", a, b, true);
  }

  /**
   * {@code a || b} element-wise over the broadcast shape of two bool tensors.
   *
   * @throws IllegalArgumentException for any other dtype, or shapes that do not broadcast
   */
  public static Tensor or(Tensor a, Tensor b) {
    return logical("logicalOr", a, b, false);
  }

  private static Tensor logical(String op, Tensor a, Tensor b, boolean and) {
    boolean[] av = booleans(op, a);
    boolean[] bv = booleans(op, b);
    int[] outShape = Shapes.broadcast(op, a.shape(), b.shape());
    int[] pa = BroadcastIndex.positions(a.shape(), outShape);
    int[] pb = BroadcastIndex.positions(b.shape(), outShape);
    boolean[] out = new boolean[pa.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = and ? av[pa[i]] && bv[pb[i]] : av[pa[i]] || bv[pb[i]];
    }
    return Tensor.ofBooleans(out, outShape);
  }

  /** The values of a bool tensor, refusing the other dtypes instead of testing them for zero. */
  static boolean[] booleans(String op, Tensor x) {
    if (x.dtype() != DType.BOOL) {
      throw new IllegalArgumentException(
          op + ": expected bool tensors, got " + IndexArguments.describe(x));
    }
    return x.toBooleanArray();
  }
}
