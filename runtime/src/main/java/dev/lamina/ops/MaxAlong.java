package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.Shapes;
import dev.lamina.shape.OpShapes;

/**
 * The largest value along one dimension. Backward: the gradient goes to the position of the first
 * maximum, zero elsewhere, as for PyTorch's {@code max(dim)}; or, for {@link #valuesSharingTies}
 * (PyTorch's {@code max()} over all elements), it is split evenly among all maximal positions.
 * {@link #indices} gives the first maximal positions (not differentiable).
 */
public final class MaxAlong extends Function {
  private final int[] inShape;
  private final int[] argmax;
  private final int outer;
  private final int size;
  private final int inner;
  /** The input values and maxima when the gradient is shared among ties; else {@code null}. */
  private final float[] tiedInput;
  private final float[] maxima;

  private MaxAlong(Tensor x, Scan scan, boolean shareTies) {
    super(x);
    this.inShape = x.shape();
    this.argmax = scan.argmax;
    this.outer = scan.outer;
    this.size = scan.size;
    this.inner = scan.inner;
    this.tiedInput = shareTies ? scan.input : null;
    this.maxima = shareTies ? scan.values : null;
  }

  /**
   * {@code y = max_k x[..., k, ...]} along {@code dim}: {@code x}'s shape with {@code dim} removed,
   * or kept as size 1 when {@code keepDim}. NaN is the largest value, as in PyTorch.
   *
   * @throws IllegalArgumentException when {@code dim} has size 0
   */
  public static Tensor values(Tensor x, int dim, boolean keepDim) {
    Scan scan = scan("max", x, dim);
    return record(Tensor.wrap(scan.values, scan.outShape(keepDim)), new MaxAlong(x, scan, false));
  }

  /**
   * {@link #values}, with the gradient of a maximum shared evenly among the positions that hold it;
   * same shapes.
   */
  public static Tensor valuesSharingTies(Tensor x, int dim, boolean keepDim) {
    Scan scan = scan("max", x, dim);
    return record(Tensor.wrap(scan.values.clone(), scan.outShape(keepDim)),
        new MaxAlong(x, scan, true));
  }

  /**
   * {@code argmax_k x[..., k, ...]} along {@code dim}, the first maximal position, as an int64
   * tensor like PyTorch's (not differentiable); shape as for {@link #values}.
   */
  public static Tensor indices(Tensor x, int dim, boolean keepDim) {
    Scan scan = scan("argmax", x, dim);
    long[] idx = new long[scan.argmax.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = scan.argmax[i];
    }
    return Tensor.ofLongs(idx, scan.outShape(keepDim));
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
        int ties = tiedInput == null ? 0 : countTies(o, i, maxima[k]);
        if (ties == 0) {
          out[(o * size + argmax[k]) * inner + i] = g[k];
          continue;
        }
        for (int j = 0; j < size; j++) {
          int p = (o * size + j) * inner + i;
          if (tiedInput[p] == maxima[k]) {
            out[p] = g[k] / ties;
          }
        }
      }
    }
    return new Tensor[] {Tensor.wrap(out, inShape)};
  }

  /** How many positions along the dimension hold {@code max} (0 for a NaN maximum). */
  private int countTies(int o, int i, float max) {
    int count = 0;
    for (int j = 0; j < size; j++) {
      count += tiedInput[(o * size + j) * inner + i] == max ? 1 : 0;
    }
    return count;
  }

  private static final class Scan {
    float[] input;
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
    OpShapes.requireReduce(op, s.shape, dim);
    s.dim = dim < 0 ? dim + Math.max(s.shape.length, 1) : dim;
    s.outer = s.shape.length == 0 ? 1 : Shapes.product(s.shape, 0, s.dim);
    s.size = s.shape.length == 0 ? 1 : s.shape[s.dim];
    s.inner = s.shape.length == 0 ? 1 : Shapes.product(s.shape, s.dim + 1, s.shape.length);
    if (s.size == 0) {
      throw new IllegalArgumentException(
          op + ": cannot reduce over dimension " + s.dim + " of size 0 (shape "
              + Shapes.format(s.shape) + ")");
    }
    float[] in = Elementwise.values(x);
    s.input = in;
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
