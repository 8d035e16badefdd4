package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.LeafGradient;
import dev.lamina.Tensor;
import dev.lamina.Workspace;
import dev.lamina.kernels.Gemm;
import dev.lamina.kernels.Shapes;
import dev.lamina.shape.OpShapes;
import java.util.Arrays;

/**
 * {@code y = x · Wᵀ + b}, PyTorch's {@code F.linear}: {@code x} is {@code [..., in]}, {@code W}
 * {@code [out, in]}, {@code b} {@code [out]} or absent, {@code y} {@code [..., out]}. One pass: the
 * output starts as the bias and the product is added onto it.
 *
 * <p>Backward, with {@code g} the gradient of {@code y} flattened to {@code [n, out]}:
 * {@code dx = g · W}, {@code dW = gᵀ · x}, {@code db = Σ_rows g}. The weight and bias gradients of a
 * leaf parameter are written straight into its gradient buffer.
 */
public final class Affine extends Function {
  private final Tensor x;
  private final Tensor weight;
  private final boolean hasBias;
  /** The output after a fused ReLU, or null when there is none. */
  private final Tensor reluOutput;

  private Affine(Tensor x, Tensor weight, Tensor bias, Tensor reluOutput) {
    super(bias == null ? new Tensor[] {x, weight} : new Tensor[] {x, weight, bias});
    // Kept as they are: backward runs with recording off, so reading them records nothing.
    this.x = x;
    this.weight = weight;
    this.hasBias = bias != null;
    this.reluOutput = reluOutput;
  }

  /**
   * {@code y = x · Wᵀ + b}: {@code x} is {@code [..., in]}, {@code weight} {@code [out, in]},
   * {@code bias} {@code [out]} or {@code null} (no bias); {@code y} is {@code [..., out]}.
   *
   * @throws IllegalArgumentException naming the shapes when they do not fit
   */
  public static Tensor apply(Tensor x, Tensor weight, Tensor bias) {
    return apply(x, weight, bias, false);
  }

  /**
   * {@code y = max(x · Wᵀ + b, 0)}, shapes as for {@link #apply}, in the same pass: the ReLU is
   * applied to the output in place, and its backward masks the gradient before the products, so no
   * intermediate tensor exists.
   */
  public static Tensor applyRelu(Tensor x, Tensor weight, Tensor bias) {
    return apply(x, weight, bias, true);
  }

  private static Tensor apply(Tensor x, Tensor weight, Tensor bias, boolean relu) {
    int[] xs = x.shape();
    int[] ws = weight.shape();
    OpShapes.requireLinear(xs, ws, bias == null ? null : bias.shape());
    int out = ws[0];
    int in = ws[1];
    int rows = Shapes.numel(xs) / Math.max(in, 1);
    if (in == 0) {
      rows = Shapes.product(xs, 0, xs.length - 1);
    }
    // Written whole: by the bias rows, or by the product with beta = 0.
    float[] y = Workspace.floatsToOverwrite(rows * out);
    float beta = 0f;
    if (bias != null) {
      Tensor b = bias.contiguous();
      float[] bs = b.storage();
      int from = b.storageOffset();
      for (int r = 0; r < rows; r++) {
        System.arraycopy(bs, from, y, r * out, out);
      }
      beta = 1f;
    }
    Gemm.multiply(rows, out, in, rowsOf(x, in), matrix(weight).transposed(), beta, y, 0, out);
    int[] outShape = xs.clone();
    outShape[outShape.length - 1] = out;
    Tensor result = Tensor.wrap(y, outShape);
    if (relu) {
      // In place: the product's buffer is large and would otherwise be dropped at once.
      ReluOp.RELU.apply(y, y);
    }
    return record(result, new Affine(x, weight, bias, relu ? result : null));
  }

  @Override
  public String name() {
    return reluOutput != null ? "ReluBackward0" : "AddmmBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    int out = weight.size(0);
    int in = weight.size(1);
    Tensor g = reluOutput != null ? ReluOp.mask(grad, reluOutput) : grad.contiguous();
    int rows = g.numel() / Math.max(out, 1);
    Gemm.Matrix gm = new Gemm.Matrix(g.storage(), g.storageOffset(), out, 1);
    Tensor dx = null;
    if (needsGrad(0)) {
      float[] values = Workspace.floatsToOverwrite(rows * in);
      Gemm.multiply(rows, in, out, gm, matrix(weight), 0f, values, 0, in);
      dx = Tensor.wrap(values, x.shape());
    }
    Tensor dw = null;
    if (needsGrad(1)) {
      Gemm.Matrix xm = rowsOf(x, in);
      LeafGradient target = leafGradient(1);
      if (target != null) {
        target.write((storage, offset, beta) ->
            Gemm.multiply(out, in, rows, gm.transposed(), xm, beta, storage, offset, in));
      } else {
        float[] values = Workspace.floatsToOverwrite(out * in);
        Gemm.multiply(out, in, rows, gm.transposed(), xm, 0f, values, 0, in);
        dw = Tensor.wrap(values, out, in);
      }
    }
    Tensor db = null;
    if (hasBias && needsGrad(2)) {
      LeafGradient target = leafGradient(2);
      float[] sums = Workspace.floats(out);
      float[] gs = g.storage();
      int base = g.storageOffset();
      for (int r = 0; r < rows; r++) {
        int row = base + r * out;
        for (int j = 0; j < out; j++) {
          sums[j] += gs[row + j];
        }
      }
      if (target != null) {
        target.write((buffer, offset, beta) -> {
          for (int j = 0; j < out; j++) {
            buffer[offset + j] = beta != 0f ? buffer[offset + j] + sums[j] : sums[j];
          }
        });
      } else {
        db = Tensor.wrap(sums, out);
      }
    }
    return hasBias ? new Tensor[] {dx, dw, db} : new Tensor[] {dx, dw};
  }

  /** {@code x} as a {@code [rows, in]} matrix view, copied only if its layout needs it. */
  private static Gemm.Matrix rowsOf(Tensor x, int in) {
    Tensor flat = x.isContiguous() ? x : x.contiguous();
    return new Gemm.Matrix(flat.storage(), flat.storageOffset(), Math.max(in, 1), 1);
  }

  private static Gemm.Matrix matrix(Tensor w) {
    return new Gemm.Matrix(w.storage(), w.storageOffset(), w.stride(0), w.stride(1));
  }
}
