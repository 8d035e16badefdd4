package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.LeafGradient;
import dev.lamina.kernels.Gemm;
import dev.lamina.kernels.Shapes;
import dev.lamina.kernels.Strided;
import dev.lamina.shape.OpShapes;

/**
 * Batched matrix product of operands of rank 2 or more, whose leading (batch) dimensions broadcast:
 * {@code C[..., i, j] = sum_p A[..., i, p] B[..., p, j]}. Backward: {@code dA = dC · Bᵀ} and
 * {@code dB = Aᵀ · dC}, each summed back over broadcast batch dimensions; the transposes are views.
 *
 * <p>Products below {@link #NATIVE_THRESHOLD} multiply-adds run as plain loops, since crossing into
 * native BLAS costs more than they do; larger ones go to BLAS {@code sgemm}, with transposed
 * operands passed as such rather than copied.
 */
public final class MatMul extends Function {
  /** Below this many multiply-adds a plain loop beats a call into BLAS. */
  static final long NATIVE_THRESHOLD = Gemm.NATIVE_THRESHOLD;

  private final Tensor a;
  private final Tensor b;

  private MatMul(Tensor a, Tensor b) {
    super(a, b);
    this.a = a.detach();
    this.b = b.detach();
  }

  /**
   * {@code C[..., i, j] = Σ_p A[..., i, p] B[..., p, j]}: {@code a} is {@code [..., m, k]} and
   * {@code b} {@code [..., k, n]}, both of rank 2 or more, their leading (batch) dimensions
   * broadcast, and {@code C} is {@code [batch..., m, n]}. For vectors, see {@link Tensor#matmul}.
   *
   * @throws IllegalArgumentException naming both shapes when the inner sizes differ or the batch
   *     dimensions do not broadcast
   */
  public static Tensor apply(Tensor a, Tensor b) {
    int[] as = a.shape();
    int[] bs = b.shape();
    if (as.length < 2 || bs.length < 2) {
      throw new IllegalArgumentException(
          "matmul: batched product needs operands of rank 2 or more, got " + Shapes.format(as)
              + " and " + Shapes.format(bs));
    }
    int m = as[as.length - 2];
    int k = as[as.length - 1];
    int n = bs[bs.length - 1];
    if (as.length == 2 && bs.length == 2) {
      OpShapes.requireMatmul(as, bs);
      int[] outShape = {m, n};
      float[] out = new float[Shapes.numel(outShape)];
      Gemm.multiply(m, n, k, Operand.of(a).matrix, Operand.of(b).matrix, 0f, out, 0, n);
      return record(Tensor.wrap(out, outShape), new MatMul(a, b));
    }
    int[] outShape = OpShapes.matmul(as, bs);
    int[] aBatch = java.util.Arrays.copyOf(as, as.length - 2);
    int[] bBatch = java.util.Arrays.copyOf(bs, bs.length - 2);
    int[] batch = java.util.Arrays.copyOf(outShape, outShape.length - 2);
    float[] out = new float[Shapes.numel(outShape)];

    Operand left = Operand.of(a);
    Operand right = Operand.of(b);
    int[] aBatchStrides = Shapes.broadcastStrides(aBatch, left.batchStrides, batch);
    int[] bBatchStrides = Shapes.broadcastStrides(bBatch, right.batchStrides, batch);
    int count = Shapes.numel(batch);
    int[] index = new int[batch.length];
    for (int p = 0; p < count; p++) {
      int aOffset = left.offset;
      int bOffset = right.offset;
      int rest = p;
      for (int d = batch.length - 1; d >= 0; d--) {
        index[d] = rest % batch[d];
        rest /= batch[d];
        aOffset += index[d] * aBatchStrides[d];
        bOffset += index[d] * bBatchStrides[d];
      }
      Gemm.multiply(m, n, k, left.matrix.shifted(aOffset - left.matrix.offset()),
          right.matrix.shifted(bOffset - right.matrix.offset()), 0f, out, p * m * n, n);
    }
    return record(Tensor.wrap(out, outShape), new MatMul(a, b));
  }

  @Override
  public String name() {
    return "MmBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    Tensor ga = needsGrad(0) ? grad.matmul(b.transpose(-1, -2)).sumToShape(a.shape()) : null;
    Tensor gb = null;
    if (needsGrad(1) && !weightGradientWrittenDirectly(grad)) {
      gb = a.transpose(-1, -2).matmul(grad).sumToShape(b.shape());
    }
    return new Tensor[] {ga, gb};
  }

  /**
   * For the common {@code x · W} with {@code W} a 2-d leaf parameter, writes {@code xᵀ · grad}
   * straight into {@code W}'s gradient buffer instead of allocating it and having autograd copy
   * or add it.
   */
  private boolean weightGradientWrittenDirectly(Tensor grad) {
    if (a.dim() != 2 || b.dim() != 2) {
      return false;
    }
    LeafGradient target = leafGradient(1);
    if (target == null) {
      return false;
    }
    int[] as = a.shape();
    int k = as[0];
    Tensor g = grad.contiguous();
    int n = g.size(1);
    Gemm.Matrix left = Operand.of(a).matrix.transposed();
    Gemm.Matrix right = new Gemm.Matrix(g.storage(), g.storageOffset(), n, 1);
    target.write((storage, offset, beta) ->
        Gemm.multiply(as[1], n, k, left, right, beta, storage, offset, n));
    return true;
  }

  /**
   * An operand as BLAS sees it: its storage, the strides of its last two dimensions, and whether
   * those form a row-major (not transposed) or column-major (transposed) matrix. Anything else is
   * copied once to row-major.
   */
  private static final class Operand {
    Gemm.Matrix matrix;
    int offset;
    int[] batchStrides;

    static Operand of(Tensor t) {
      int[] shape = t.shape();
      int[] strides = t.stride();
      int rank = shape.length;
      int rows = shape[rank - 2];
      int cols = shape[rank - 1];
      int rs = strides[rank - 2];
      int cs = strides[rank - 1];
      Operand o = new Operand();
      boolean viewable = ((cs == 1 || cols == 1) && rs >= Math.max(cols, 1))
          || ((rs == 1 || rows == 1) && cs >= Math.max(rows, 1));
      if (viewable) {
        o.matrix = new Gemm.Matrix(t.storage(), t.storageOffset(), rs, cs);
        o.batchStrides = java.util.Arrays.copyOf(strides, rank - 2);
      } else {
        // Neither row- nor column-major (e.g. a broadcast or a strided slice): copy once.
        float[] copy = Strided.toContiguous(t.storage(), t.storageOffset(), shape, strides);
        o.matrix = new Gemm.Matrix(copy, 0, Math.max(cols, 1), 1);
        o.batchStrides = java.util.Arrays.copyOf(Shapes.contiguousStrides(shape), rank - 2);
      }
      o.offset = o.matrix.offset();
      return o;
    }
  }
}
