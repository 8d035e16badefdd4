package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.Workspace;
import dev.lamina.kernels.Gemm;
import dev.lamina.kernels.Im2Col;
import dev.lamina.kernels.Im2Row;
import dev.lamina.kernels.RowReductions;
import dev.lamina.kernels.Shapes;
import dev.lamina.kernels.Window2d;

/**
 * Two-dimensional cross-correlation, PyTorch's {@code F.conv2d}: input {@code [N, C, H, W]}, weight
 * {@code [O, C / groups, kh, kw]} (PyTorch's layout), bias {@code [O]} or absent, output
 * {@code [N, O, outH, outW]} with the sizes of {@link Window2d}:
 * {@code y[n, o, p, q] = b[o] + Σ_{c, i, j} W[o, c, i, j] x[n, g·C/groups + c, p·sh - ph + i·dh,
 * q·sw - pw + j·dw]}, where {@code g} is the group of output channel {@code o} (zero padding).
 *
 * <p>Computed per image and group as one BLAS {@code sgemm}: the patches are unfolded into a
 * column matrix {@code [C/groups · kh · kw, outH · outW]}, a buffer made once per call and reused
 * for every image and group, and the group's weight, as the row-major matrix
 * {@code [O/groups, C/groups · kh · kw]}, multiplies it; the output rows start as the bias. The
 * unfolding is {@link Im2Col}'s, which copies runs of {@code outW} values and reads the weight in
 * place, or, where {@link Im2Row#applies} (a small image with several channels, whose runs
 * channels last, {@code kw · C/groups} values, are at least twice as long), {@link Im2Row}'s,
 * which lays the same matrix out transposed, its rows in patch order {@code (i, j, c)}, and
 * multiplies a copy of the weight permuted to match. A 1x1 kernel with stride 1 and no padding
 * multiplies the input directly.
 *
 * <p>Backward, with {@code G} the output gradient of one image and group as
 * {@code [O/groups, outH · outW]}: {@code dW += G · columnsᵀ}, {@code dx = fold(Wᵀ · G)} (col2im
 * of {@link Im2Col}'s layout, adding overlapping patches), {@code db = Σ_{n, p, q} G}, summed in
 * double precision. When the weight's gradient will be needed, the forward keeps every image's
 * columns for it, up to {@link #KEPT_COLUMNS} floats for the batch (a small image's unfolding,
 * copying rows of a few floats each, costs as much as its product), and a weight gradient from
 * columns kept channels last, in patch order, is permuted back to PyTorch's layout; beyond that,
 * and when only the input's gradient is needed, the graph holds no more than the input, and the
 * weight gradient unfolds each image again, by channel.
 */
public final class Convolution extends Function {
  /** The most floats of columns a forward keeps for the weight gradient: 64 MB. */
  static final int KEPT_COLUMNS = 16 << 20;

  private final float[] input;
  private final int[] inShape;
  private final float[] weight;
  private final int[] weightShape;
  private final boolean hasBias;
  private final int groups;
  private final Window2d window;
  /** Every image's and group's columns, one after the other, or {@code null} when not kept. */
  private final float[] keptColumns;
  /** Whether the kept columns are {@link Im2Row}'s, channels last, their rows in patch order. */
  private final boolean keptChannelsLast;

  private Convolution(Tensor x, Tensor w, Tensor bias, float[] input, float[] weight, int groups,
      Window2d window, float[] keptColumns, boolean keptChannelsLast) {
    super(bias == null ? new Tensor[] {x, w} : new Tensor[] {x, w, bias});
    this.input = input;
    this.inShape = x.shape();
    this.weight = weight;
    this.weightShape = w.shape();
    this.hasBias = bias != null;
    this.groups = groups;
    this.window = window;
    this.keptColumns = keptColumns;
    this.keptChannelsLast = keptChannelsLast;
  }

  /**
   * The convolution of {@code x} {@code [N, C, H, W]} with {@code weight}
   * {@code [O, C / groups, kh, kw]} plus {@code bias} {@code [O]} (or {@code null}); {@code stride},
   * {@code padding} and {@code dilation} have one entry (both dimensions) or two (height, width).
   * The shapes are those {@link Tensor#conv2d} has checked with the shared rule
   * ({@code ShapeRules.convolution}), on the shapes as the user gave them; this checks only that
   * the input is batched, and the window's arguments.
   *
   * @throws IllegalArgumentException for an input not {@code [N, C, H, W]}, or a window argument
   *     that is not one or two entries of the allowed sign
   */
  public static Tensor apply(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding,
      int[] dilation, int groups) {
    return apply(x, weight, bias, stride, padding, dilation, groups, KEPT_COLUMNS, true);
  }

  /**
   * {@link #apply} keeping at most {@code keptColumns} floats of columns for the backward, and
   * unfolding channels last where {@link Im2Row#applies} only if {@code channelsLastAllowed}.
   */
  static Tensor apply(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding,
      int[] dilation, int groups, long keptColumns, boolean channelsLastAllowed) {
    int[] xs = x.shape();
    int[] ws = weight.shape();
    if (xs.length != 4) {
      throw new IllegalArgumentException(
          "conv2d: expected a batched input [N, C, H, W], got " + Shapes.format(xs));
    }
    int out = ws[0];
    Window2d w = Window2d.of("conv2d", xs[2], xs[3], new int[] {ws[2], ws[3]}, stride, padding,
        dilation);
    int batch = xs[0];
    int channels = xs[1];
    int groupChannels = ws[1];
    int groupOut = out / groups;
    int rows = groupChannels * w.kernelHeight * w.kernelWidth;
    int positions = w.outPositions();
    int plane = w.inHeight * w.inWidth;
    float[] in = Elementwise.values(x);
    boolean channelsLast = channelsLastAllowed && Im2Row.applies(w, groupChannels);
    float[] kernel = Elementwise.values(weight);
    float[] kernelRows = kernel;
    if (channelsLast) {
      kernelRows = Workspace.floatsToOverwrite(out * rows);
      Im2Row.toPatchOrder(kernel, 0, out, groupChannels, w, kernelRows);
    }
    float[] scratch = channelsLast ? Workspace.floatsToOverwrite(groupChannels * plane) : null;
    float[] y = Workspace.floatsToOverwrite(batch * out * positions);
    float beta = 0f;
    if (bias != null) {
      float[] b = Elementwise.values(bias);
      for (int n = 0; n < batch; n++) {
        for (int o = 0; o < out; o++) {
          java.util.Arrays.fill(y, (n * out + o) * positions, (n * out + o + 1) * positions, b[o]);
        }
      }
      beta = 1f;
    }
    long allColumns = (long) rows * positions * batch * groups;
    boolean keep = !w.isPointwise() && recorded(weight) && allColumns <= keptColumns;
    float[] columns = w.isPointwise() ? null
        : Workspace.floatsToOverwrite(keep ? (int) allColumns : rows * positions);
    for (int n = 0; n < batch; n++) {
      for (int g = 0; g < groups; g++) {
        int inOffset = (n * channels + g * groupChannels) * plane;
        int columnsOffset = keep ? (n * groups + g) * rows * positions : 0;
        Gemm.Matrix groupWeight = new Gemm.Matrix(kernelRows, g * groupOut * rows, rows, 1);
        Gemm.multiply(groupOut, positions, rows, groupWeight,
            columns(in, inOffset, groupChannels, w, scratch, columns, columnsOffset), beta, y,
            (n * out + g * groupOut) * positions, positions);
      }
    }
    Tensor result = Tensor.wrap(y, batch, out, w.outHeight, w.outWidth);
    return record(result,
        new Convolution(x, weight, bias, in, kernel, groups, w, keep ? columns : null,
            channelsLast));
  }

  /**
   * The column matrix {@code [channels · kh · kw, outH · outW]} of one image's group: unfolded
   * into {@code buffer} at {@code at}, channels last through {@code scratch} when that is not
   * {@code null}, or the input itself.
   */
  private static Gemm.Matrix columns(float[] in, int offset, int channels, Window2d w,
      float[] scratch, float[] buffer, int at) {
    if (buffer == null) {
      return new Gemm.Matrix(in, offset, w.outPositions(), 1);
    }
    if (scratch != null) {
      Im2Row.unfold(in, offset, channels, w, scratch, buffer, at);
      return unfolded(buffer, at, channels, w, true);
    }
    Im2Col.unfold(in, offset, channels, w, buffer, at);
    return unfolded(buffer, at, channels, w, false);
  }

  /** The column matrix of one image's group already unfolded in {@code buffer} at {@code at}. */
  private static Gemm.Matrix unfolded(float[] buffer, int at, int channels, Window2d w,
      boolean channelsLast) {
    return channelsLast
        ? new Gemm.Matrix(buffer, at, 1, channels * w.kernelHeight * w.kernelWidth)
        : new Gemm.Matrix(buffer, at, w.outPositions(), 1);
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    float[] g = Elementwise.values(grad);
    int batch = inShape[0];
    int channels = inShape[1];
    int out = weightShape[0];
    int groupChannels = weightShape[1];
    int groupOut = out / groups;
    int rows = groupChannels * window.kernelHeight * window.kernelWidth;
    int positions = window.outPositions();
    int plane = window.inHeight * window.inWidth;
    boolean pointwise = window.isPointwise();
    float[] dx = needsGrad(0) ? Workspace.floats(batch * channels * plane) : null;
    float[] dw = needsGrad(1) ? Workspace.floats(out * rows) : null;
    // the weight gradient with its rows in the order of the columns it is computed from
    boolean patchOrder = dw != null && keptColumns != null && keptChannelsLast;
    float[] dwColumnOrder = patchOrder ? Workspace.floats(out * rows) : dw;
    float[] columns = pointwise || dw == null || keptColumns != null ? null
        : Workspace.floatsToOverwrite(rows * positions);
    float[] columnGrad =
        pointwise || dx == null ? null : Workspace.floatsToOverwrite(rows * positions);
    for (int n = 0; n < batch; n++) {
      for (int gr = 0; gr < groups; gr++) {
        int inOffset = (n * channels + gr * groupChannels) * plane;
        Gemm.Matrix gradRows =
            new Gemm.Matrix(g, (n * out + gr * groupOut) * positions, positions, 1);
        if (dw != null) {
          Gemm.Matrix patches = keptColumns == null
              ? columns(input, inOffset, groupChannels, window, null, columns, 0)
              : unfolded(keptColumns, (n * groups + gr) * rows * positions, groupChannels,
                  window, keptChannelsLast);
          Gemm.multiply(groupOut, rows, positions, gradRows, patches.transposed(), 1f,
              dwColumnOrder, gr * groupOut * rows, rows);
        }
        if (dx != null) {
          Gemm.Matrix weightT = new Gemm.Matrix(weight, gr * groupOut * rows, rows, 1).transposed();
          if (pointwise) {
            Gemm.multiply(rows, positions, groupOut, weightT, gradRows, 0f, dx, inOffset,
                positions);
          } else {
            Gemm.multiply(rows, positions, groupOut, weightT, gradRows, 0f, columnGrad, 0,
                positions);
            Im2Col.foldAdd(columnGrad, groupChannels, window, dx, inOffset);
          }
        }
      }
    }
    if (patchOrder) {
      Im2Row.toWeightOrder(dwColumnOrder, out, groupChannels, window, dw, 0);
    }
    Tensor[] grads = new Tensor[hasBias ? 3 : 2];
    grads[0] = dx == null ? null : Tensor.wrap(dx, inShape);
    grads[1] = dw == null ? null : Tensor.wrap(dw, weightShape);
    if (hasBias && needsGrad(2)) {
      double[] sums = new double[out];
      for (int n = 0; n < batch; n++) {
        for (int o = 0; o < out; o++) {
          sums[o] += RowReductions.sum(g, (n * out + o) * positions, positions);
        }
      }
      grads[2] = Tensor.wrap(LayerNormOp.toFloats(sums), out);
    }
    return grads;
  }
}
