package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.Shapes;

/**
 * The largest value along one dimension. Backward: the gradient goes to the position of the first
 * maximum, zero elsewhere. {@link #indices} gives those positions (not differentiable).
 */
public final class MaxAlong extends Function {
  private final int[] inShape;
  private final int[] argmax;
  private final int outer;
  private final int size;
  private final int inner;

  private MaxAlong(Tensor x, int[] argmax, int outer, int size, int inner) {
    super(x);
    this.inShape = x.shape();
    this.argmax = argmax;
    this.outer = outer;
    this.size = size;
    this.inner = inner;
  }

  public static Tensor values(Tensor x, int dim, boolean keepDim) {
    Scan scan = scan("max", x, dim);
    return record(Tensor.wrap(scan.values, scan.outShape(keepDim)),
        new MaxAlong(x, scan.argmax, scan.outer, scan.size, scan.inner));
  }

  public static Tensor indices(Tensor x, int dim, boolean keepDim) {
    Scan scan = scan("argmax", x, dim);
    float[] idx = new float[scan.argmax.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = scan.argmax[i];
    }
    return Tensor.wrap(idx, scan.outShape(keepDim));
  }

  @Override
  public String name() {
    return "MaxBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    float[] g = Elementwise.values(grad);
    float[] out = new float[Shapes.numel(inShape)];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int k = o * inner + i;
        out[(o * size + argmax[k]) * inner + i] = g[k];
      }
    }
    return new Tensor[] {Tensor.wrap(out, inShape)};
  }

  private static final class Scan {
    int[] shape;
    int dim;
    int outer;
    int size;
    int inner;
    float[] values;
    int[] argmax;

    int[] outShape(boolean keepDim) {
      if (shape.length == 0) {
        return new int[0];
      }
      int[] out = new int[keepDim ? shape.length : shape.length - 1];
      for (int d = 0, j = 0; d < shape.length; d++) {
        if (d == dim) {
          if (keepDim) {
            out[j++] = 1;
          }
        } else {
          out[j++] = shape[d];
        }
      }
      return out;
    }
  }

  private static Scan scan(String op, Tensor x, int dim) {
    Scan s = new Scan();
    s.shape = x.shape();
    s.dim = Shapes.normalizeDim(op, dim, s.shape.length);
    s.outer = s.shape.length == 0 ? 1 : Shapes.product(s.shape, 0, s.dim);
    s.size = s.shape.length == 0 ? 1 : s.shape[s.dim];
    s.inner = s.shape.length == 0 ? 1 : Shapes.product(s.shape, s.dim + 1, s.shape.length);
    if (s.size == 0) {
      throw new IllegalArgumentException(
          op + ": cannot reduce over dimension " + s.dim + " of size 0 (shape "
              + Shapes.format(s.shape) + ")");
    }
    float[] in = Elementwise.values(x);
    s.values = new float[s.outer * s.inner];
    s.argmax = new int[s.outer * s.inner];
    for (int o = 0; o < s.outer; o++) {
      for (int i = 0; i < s.inner; i++) {
        int best = 0;
        float bestValue = in[o * s.size * s.inner + i];
        for (int k = 1; k < s.size; k++) {
          float v = in[(o * s.size + k) * s.inner + i];
          // NaN wins, as in PyTorch.
          if (v > bestValue || (Float.isNaN(v) && !Float.isNaN(bestValue))) {
            best = k;
            bestValue = v;
          }
        }
        s.values[o * s.inner + i] = bestValue;
        s.argmax[o * s.inner + i] = best;
      }
    }
    return s;
  }
}
