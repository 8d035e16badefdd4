package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.Shapes;

/**
 * {@code condition ? a : b} element-wise, all three broadcasting, as {@code torch.where}. Backward:
 * the gradient goes to {@code a} where the condition holds and to {@code b} where it does not,
 * each summed back to its shape; the bool condition has none.
 */
public final class Where extends Function {
  private final boolean[] taken;
  private final int[] outShape;
  private final int[] aShape;
  private final int[] bShape;

  private Where(Tensor a, Tensor b, boolean[] taken, int[] outShape) {
    super(a, b);
    this.taken = taken;
    this.outShape = outShape;
    this.aShape = a.shape();
    this.bShape = b.shape();
  }

  /**
   * {@code y[i] = condition[i] ? a[i] : b[i]} over the broadcast shape of the three.
   *
   * @throws IllegalArgumentException when {@code condition} is not bool, {@code a} or {@code b}
   *     not float32, or the shapes do not broadcast
   */
  public static Tensor apply(Tensor condition, Tensor a, Tensor b) {
    boolean[] c = Comparison.booleans("where", condition);
    int[] outShape = Shapes.broadcast("where", condition.shape(),
        Shapes.broadcast("where", a.shape(), b.shape()));
    int[] pc = BroadcastIndex.positions(condition.shape(), outShape);
    int[] pa = BroadcastIndex.positions(a.shape(), outShape);
    int[] pb = BroadcastIndex.positions(b.shape(), outShape);
    float[] av = Elementwise.values(a);
    float[] bv = Elementwise.values(b);
    float[] out = new float[pc.length];
    boolean[] taken = new boolean[pc.length];
    for (int i = 0; i < out.length; i++) {
      taken[i] = c[pc[i]];
      out[i] = taken[i] ? av[pa[i]] : bv[pb[i]];
    }
    return record(Tensor.wrap(out, outShape), new Where(a, b, taken, outShape));
  }

  @Override
  public String name() {
    return "WhereBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    float[] g = Elementwise.values(grad);
    return new Tensor[] {
      needsGrad(0) ? masked(g, true).sumToShape(aShape) : null,
      needsGrad(1) ? masked(g, false).sumToShape(bShape) : null
    };
  }

  /** {@code g} where the condition is {@code side}, zero elsewhere. */
  private Tensor masked(float[] g, boolean side) {
    float[] out = new float[g.length];
    for (int i = 0; i < out.length; i++) {
      if (taken[i] == side) {
        out[i] = g[i];
      }
    }
    return Tensor.wrap(out, outShape);
  }
}
