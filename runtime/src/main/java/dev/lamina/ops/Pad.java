package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.PaddingMode;
import dev.lamina.Tensor;
import dev.lamina.kernels.Shapes;
import java.util.Arrays;

/**
 * Padding of the last dimensions, PyTorch's {@code F.pad(input, pad, mode, value)}: {@code pads} lists
 * (before, after) pairs starting from the last dimension, so {@code {1, 2}} adds one column on the
 * left and two on the right of the last dimension, and {@code {1, 1, 2, 2}} also two rows above and
 * below. A negative pad removes elements (constant mode only, as in PyTorch).
 *
 * <p>Each output position reads one input position per dimension, or, in constant mode, none (the
 * value): per dimension a table maps output to input indices. Backward adds each output gradient to
 * the input position it was read from, so reflected and replicated edges collect several.
 */
public final class Pad extends Function {
  private final int[] inShape;
  private final int[][] sources;
  private final PaddingMode mode;
  private final int paddedDims;

  private Pad(Tensor x, int[][] sources, PaddingMode mode, int paddedDims) {
    super(x);
    this.inShape = x.shape();
    this.sources = sources;
    this.mode = mode;
    this.paddedDims = paddedDims;
  }

  /**
   * {@code x} padded by {@code pads} (pairs from the last dimension backwards) in {@code mode},
   * {@code value} filling the constant mode's new positions.
   *
   * @throws IllegalArgumentException for an odd number of pads, more pairs than dimensions, a
   *     negative pad outside constant mode, a reflect pad not smaller than its dimension, or a
   *     replicate pad of an empty dimension
   */
  public static Tensor apply(Tensor x, int[] pads, PaddingMode mode, float value) {
    int[] shape = x.shape();
    int rank = shape.length;
    if (pads.length % 2 != 0 || pads.length / 2 > rank) {
      throw new IllegalArgumentException(
          "pad: pads must hold (before, after) pairs for at most " + rank
              + " dimensions of input " + Shapes.format(shape) + ", got " + Arrays.toString(pads));
    }
    int[][] sources = new int[rank][];
    int[] outShape = shape.clone();
    for (int d = 0; d < rank; d++) {
      int pair = rank - 1 - d;
      int before = pair < pads.length / 2 ? pads[2 * pair] : 0;
      int after = pair < pads.length / 2 ? pads[2 * pair + 1] : 0;
      check(mode, shape, d, before, after, pads);
      outShape[d] = shape[d] + before + after;
      if (outShape[d] < 0) {
        throw new IllegalArgumentException(
            "pad: pads " + Arrays.toString(pads) + " leave dimension " + d + " of input "
                + Shapes.format(shape) + " with negative size " + outShape[d]);
      }
      sources[d] = new int[outShape[d]];
      for (int o = 0; o < outShape[d]; o++) {
        sources[d][o] = source(mode, o - before, shape[d]);
      }
    }
    float[] in = Elementwise.values(x);
    float[] out = new float[Shapes.numel(outShape)];
    int[] inStrides = Shapes.contiguousStrides(shape);
    walk(outShape, sources, inStrides, (o, i) -> out[o] = i < 0 ? value : in[i]);
    return record(Tensor.wrap(out, outShape), new Pad(x, sources, mode, pads.length / 2));
  }

  private static void check(PaddingMode mode, int[] shape, int d, int before, int after,
      int[] pads) {
    if (before == 0 && after == 0) {
      return;
    }
    String problem = null;
    if (mode != PaddingMode.CONSTANT && (before < 0 || after < 0)) {
      problem = "negative pads are only allowed in constant mode";
    } else if (mode == PaddingMode.REFLECT && (before >= shape[d] || after >= shape[d])) {
      problem = "reflect pads must be smaller than the dimension they pad (" + shape[d] + ")";
    } else if (mode == PaddingMode.REPLICATE && shape[d] == 0) {
      problem = "replicate cannot pad an empty dimension";
    }
    if (problem != null) {
      throw new IllegalArgumentException(
          "pad: " + problem + ", got pads " + Arrays.toString(pads) + " for dimension " + d
              + " of input " + Shapes.format(shape) + " in mode " + mode);
    }
  }

  /** The input index that output index {@code i + before} reads, or -1 for the constant. */
  private static int source(PaddingMode mode, int i, int size) {
    if (i >= 0 && i < size) {
      return i;
    }
    return switch (mode) {
      case CONSTANT -> -1;
      case REPLICATE -> i < 0 ? 0 : size - 1;
      case REFLECT -> i < 0 ? -i : 2 * (size - 1) - i;
    };
  }

  @Override
  public String name() {
    return switch (mode) {
      case CONSTANT -> "ConstantPadNdBackward0";
      case REFLECT -> "ReflectionPad" + paddedDims + "DBackward0";
      case REPLICATE -> "ReplicationPad" + paddedDims + "DBackward0";
    };
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    float[] g = Elementwise.values(grad);
    float[] dx = new float[Shapes.numel(inShape)];
    walk(grad.shape(), sources, Shapes.contiguousStrides(inShape), (o, i) -> {
      if (i >= 0) {
        dx[i] += g[o];
      }
    });
    return new Tensor[] {Tensor.wrap(dx, inShape)};
  }

  /** Visits every output position, row-major, with the flat input position it reads (or -1). */
  private static void walk(int[] outShape, int[][] sources, int[] inStrides, Visitor visitor) {
    int total = Shapes.numel(outShape);
    int rank = outShape.length;
    if (total == 0) {
      return;
    }
    if (rank == 0) {
      visitor.visit(0, 0);
      return;
    }
    int last = rank - 1;
    int[] index = new int[rank];
    int[] lastSources = sources[last];
    int lastStride = inStrides[last];
    for (int o = 0; o < total; o += outShape[last]) {
      // The input offset of the outer dimensions, or -1 if any of them reads the constant.
      int outer = 0;
      for (int d = 0; d < last && outer >= 0; d++) {
        int s = sources[d][index[d]];
        outer = s < 0 ? -1 : outer + s * inStrides[d];
      }
      for (int j = 0; j < outShape[last]; j++) {
        int s = lastSources[j];
        visitor.visit(o + j, outer < 0 || s < 0 ? -1 : outer + s * lastStride);
      }
      for (int d = last - 1; d >= 0; d--) {
        if (++index[d] < outShape[d]) {
          break;
        }
        index[d] = 0;
      }
    }
  }

  private interface Visitor {
    void visit(int outPosition, int inPosition);
  }
}
