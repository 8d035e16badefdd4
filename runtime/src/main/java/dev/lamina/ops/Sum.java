package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.Shapes;
import dev.lamina.kernels.Strided;

/**
 * The sum over a set of dimensions, kept as size 1 or removed. Backward: the gradient broadcast back
 * over the summed dimensions.
 */
public final class Sum extends Function {
  private final int[] inShape;
  private final int[] keptShape;

  private Sum(Tensor x, int[] keptShape) {
    super(x);
    this.inShape = x.shape();
    this.keptShape = keptShape;
  }

  public static Tensor apply(Tensor x, int[] dims, boolean keepDim) {
    int[] shape = x.shape();
    int rank = shape.length;
    boolean[] reduced = new boolean[rank];
    for (int dim : dims) {
      int d = Shapes.normalizeDim("sum", dim, rank);
      if (rank > 0) {
        if (reduced[d]) {
          throw new IllegalArgumentException("sum: dimension " + d + " appears twice");
        }
        reduced[d] = true;
      }
    }
    int[] kept = new int[rank];
    int[] keptStrides;
    int removed = 0;
    for (int d = 0; d < rank; d++) {
      kept[d] = reduced[d] ? 1 : shape[d];
      removed += reduced[d] ? 1 : 0;
    }
    keptStrides = Shapes.contiguousStrides(kept);
    int[] accumulateStrides = keptStrides.clone();
    for (int d = 0; d < rank; d++) {
      if (reduced[d]) {
        accumulateStrides[d] = 0;
      }
    }
    float[] out = new float[Shapes.numel(kept)];
    float[] in = Elementwise.values(x);
    if (out.length == 1) {
      double total = 0;
      for (float v : in) {
        total += v;
      }
      out[0] = (float) total;
    } else {
      Strided.accumulate(in, shape, out, accumulateStrides);
    }
    int[] outShape = kept;
    if (!keepDim) {
      outShape = new int[rank - removed];
      for (int d = 0, j = 0; d < rank; d++) {
        if (!reduced[d]) {
          outShape[j++] = shape[d];
        }
      }
    }
    return record(Tensor.wrap(out, outShape), new Sum(x, kept));
  }

  @Override
  public String name() {
    return "SumBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {grad.reshape(keptShape).expand(inShape).contiguous()};
  }
}
