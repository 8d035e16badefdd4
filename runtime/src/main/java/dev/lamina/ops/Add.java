package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.BinaryKernel;

/** {@code a + b} with broadcasting. Backward: the gradient, summed back to each operand's shape. */
public final class Add extends Function {
  private static final BinaryKernel KERNEL = new BinaryKernel() {
    @Override
    protected float apply(float a, float b) {
      return a + b;
    }

    @Override
    protected void row(float[] a, int ai, int as, float[] b, int bi, int bs, float[] out, int o,
        int n) {
      if (as == 1 && bs == 1) {
        for (int i = 0; i < n; i++) {
          out[o + i] = a[ai + i] + b[bi + i];
        }
      } else {
        super.row(a, ai, as, b, bi, bs, out, o, n);
      }
    }
  };

  private final int[] aShape;
  private final int[] bShape;

  private Add(Tensor a, Tensor b) {
    super(a, b);
    this.aShape = a.shape();
    this.bShape = b.shape();
  }

  public static Tensor apply(Tensor a, Tensor b) {
    return record(Elementwise.binary("add", a, b, KERNEL), new Add(a, b));
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {grad.sumToShape(aShape), grad.sumToShape(bShape)};
  }
}
