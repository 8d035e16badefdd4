package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.BinaryKernel;

/** {@code a * b} element-wise with broadcasting. Backward: {@code grad * b} to a, {@code grad * a} to b. */
public final class Mul extends Function {
  private static final BinaryKernel KERNEL = new BinaryKernel() {
    @Override
    protected float apply(float a, float b) {
      return a * b;
    }

    @Override
    protected void row(float[] a, int ai, int as, float[] b, int bi, int bs, float[] out, int o,
        int n) {
      if (as == 1 && bs == 1) {
        for (int i = 0; i < n; i++) {
          out[o + i] = a[ai + i] * b[bi + i];
        }
      } else {
        super.row(a, ai, as, b, bi, bs, out, o, n);
      }
    }
  };

  private final Tensor a;
  private final Tensor b;

  private Mul(Tensor a, Tensor b) {
    super(a, b);
    this.a = a.detach();
    this.b = b.detach();
  }

  public static Tensor apply(Tensor a, Tensor b) {
    return record(Elementwise.binary("mul", a, b, KERNEL), new Mul(a, b));
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {
      needsGrad(0) ? grad.mul(b).sumToShape(a.shape()) : null,
      needsGrad(1) ? grad.mul(a).sumToShape(b.shape()) : null
    };
  }
}
