package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.Workspace;
import dev.lamina.kernels.Shapes;
import dev.lamina.kernels.Strided;
import dev.lamina.shape.OpShapes;

/**
 * The sum, or the mean, over a set of dimensions, kept as size 1 or removed:
 * {@code y = scale · Σ x} with {@code scale} 1 for a sum and 1/count for a mean. Backward: the
 * gradient times {@code scale}, broadcast back over the reduced dimensions.
 */
public final class Sum extends Function {
  private final int[] inShape;
  private final int[] keptShape;
  private final float scale;
  private final String name;

  private Sum(Tensor x, int[] keptShape, float scale, String name) {
    super(x);
    this.inShape = x.shape();
    this.keptShape = keptShape;
    this.scale = scale;
    this.name = name;
  }

  /**
   * {@code y = Σ x} over {@code dims} (negative count from the end; none means all, as in PyTorch
   * 1.13): {@code x}'s shape with those dimensions removed, or kept as size 1 when {@code keepDim}.
   * The sum of no elements is 0.
   *
   * @throws IllegalArgumentException when a dimension appears twice
   */
  public static Tensor apply(Tensor x, int[] dims, boolean keepDim) {
    return reduce("sum", x, dims, keepDim, false);
  }

  /**
   * {@code y = Σ x / count} over {@code dims}, shapes as for {@link #apply}; a rank-0 tensor counts
   * as one element, and the mean of no elements is NaN, as in PyTorch.
   */
  public static Tensor mean(Tensor x, int[] dims, boolean keepDim) {
    return reduce("mean", x, dims, keepDim, true);
  }

  private static Tensor reduce(String op, Tensor x, int[] dims, boolean keepDim, boolean mean) {
    int[] shape = x.shape();
    int rank = shape.length;
    boolean[] reduced = new boolean[rank];
    if (dims.length == 0) {
      // An empty list of dimensions means all of them, as in PyTorch 1.13.
      java.util.Arrays.fill(reduced, true);
    }
    OpShapes.requireReduce(op, shape, dims, keepDim);
    for (int dim : dims) {
      if (rank > 0) {
        reduced[dim < 0 ? dim + rank : dim] = true;
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
    float[] out = Workspace.floats(Shapes.numel(kept));
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
    float scale = 1f;
    if (mean) {
      int count = Shapes.numel(shape) / Math.max(Shapes.numel(kept), 1);
      scale = 1f / count;
      for (int i = 0; i < out.length; i++) {
        out[i] *= scale;
      }
    }
    boolean all = removed == rank;
    // PyTorch's names: SumBackward0 / MeanBackward0 over everything, ...1 over chosen dims.
    String name = (mean ? "MeanBackward" : "SumBackward") + (all && dims.length == rank ? "0" : "1");
    return record(Tensor.wrap(out, outShape), new Sum(x, kept, scale, name));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    float[] g = Elementwise.values(grad);
    float[] dx = Workspace.floatsToOverwrite(Shapes.numel(inShape));
    if (g.length == 1) {
      java.util.Arrays.fill(dx, g[0] * scale);
    } else {
      // The gradient in the kept layout, broadcast along every reduced dimension.
      int[] broadcast =
          Shapes.broadcastStrides(keptShape, Shapes.contiguousStrides(keptShape), inShape);
      Strided.copy(g, 0, inShape, broadcast, dx, 0, Shapes.contiguousStrides(inShape));
      if (scale != 1f) {
        for (int i = 0; i < dx.length; i++) {
          dx[i] *= scale;
        }
      }
    }
    return new Tensor[] {Tensor.wrap(dx, inShape)};
  }
}
