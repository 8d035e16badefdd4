package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.blas.Blas;
import dev.lamina.kernels.Shapes;
import dev.lamina.kernels.Strided;

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
  static final long NATIVE_THRESHOLD = 4096;

  private final Tensor a;
  private final Tensor b;

  private MatMul(Tensor a, Tensor b) {
    super(a, b);
    this.a = a.detach();
    this.b = b.detach();
  }

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
    if (bs[bs.length - 2] != k) {
      throw new IllegalArgumentException(
          "matmul: shapes " + Shapes.format(as) + " and " + Shapes.format(bs)
              + " cannot be multiplied (" + m + "x" + k + " and " + bs[bs.length - 2] + "x" + n
              + ")");
    }
    int[] aBatch = java.util.Arrays.copyOf(as, as.length - 2);
    int[] bBatch = java.util.Arrays.copyOf(bs, bs.length - 2);
    if (!Shapes.canBroadcast(aBatch, bBatch)) {
      throw new IllegalArgumentException(
          "matmul: batch dimensions of shapes " + Shapes.format(as) + " and " + Shapes.format(bs)
              + " cannot be broadcast together (" + Shapes.format(aBatch) + " and "
              + Shapes.format(bBatch) + ")");
    }
    int[] batch = Shapes.broadcast("matmul", aBatch, bBatch);
    int[] outShape = java.util.Arrays.copyOf(batch, batch.length + 2);
    outShape[batch.length] = m;
    outShape[batch.length + 1] = n;
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
      multiply(m, n, k, left, aOffset, right, bOffset, out, p * m * n);
    }
    return record(Tensor.wrap(out, outShape), new MatMul(a, b));
  }

  private static void multiply(int m, int n, int k, Operand a, int aOffset, Operand b,
      int bOffset, float[] c, int cOffset) {
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      return;
    }
    if ((long) m * n * k < NATIVE_THRESHOLD) {
      naive(m, n, k, a, aOffset, b, bOffset, c, cOffset);
      return;
    }
    Blas.gemm(m, n, k, a.data, aOffset, a.leading, a.transposed, b.data, bOffset, b.leading,
        b.transposed, 0f, c, cOffset, n);
  }

  private static void naive(int m, int n, int k, Operand a, int aOffset, Operand b, int bOffset,
      float[] c, int cOffset) {
    int ar = a.rowStride;
    int ac = a.colStride;
    int br = b.rowStride;
    int bc = b.colStride;
    float[] ad = a.data;
    float[] bd = b.data;
    for (int i = 0; i < m; i++) {
      int row = cOffset + i * n;
      for (int p = 0; p < k; p++) {
        float av = ad[aOffset + i * ar + p * ac];
        int bp = bOffset + p * br;
        for (int j = 0; j < n; j++) {
          c[row + j] += av * bd[bp + j * bc];
        }
      }
    }
  }

  @Override
  public String name() {
    return "MmBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    Tensor ga = needsGrad(0) ? grad.matmul(b.transpose(-1, -2)).sumToShape(a.shape()) : null;
    Tensor gb = needsGrad(1) ? a.transpose(-1, -2).matmul(grad).sumToShape(b.shape()) : null;
    return new Tensor[] {ga, gb};
  }

  /**
   * An operand as BLAS sees it: its storage, the strides of its last two dimensions, and whether
   * those form a row-major (not transposed) or column-major (transposed) matrix. Anything else is
   * copied once to row-major.
   */
  private static final class Operand {
    float[] data;
    int offset;
    int[] batchStrides;
    int rowStride;
    int colStride;
    int leading;
    boolean transposed;

    static Operand of(Tensor t) {
      int[] shape = t.shape();
      int[] strides = t.stride();
      int rank = shape.length;
      int rows = shape[rank - 2];
      int cols = shape[rank - 1];
      int rs = strides[rank - 2];
      int cs = strides[rank - 1];
      Operand o = new Operand();
      if ((cs == 1 || cols == 1) && rs >= Math.max(cols, 1)) {
        o.data = t.storage();
        o.offset = t.storageOffset();
        o.batchStrides = java.util.Arrays.copyOf(strides, rank - 2);
        o.rowStride = rs;
        o.colStride = 1;
        o.leading = rs;
        o.transposed = false;
      } else if ((rs == 1 || rows == 1) && cs >= Math.max(rows, 1)) {
        o.data = t.storage();
        o.offset = t.storageOffset();
        o.batchStrides = java.util.Arrays.copyOf(strides, rank - 2);
        o.rowStride = 1;
        o.colStride = cs;
        o.leading = cs;
        o.transposed = true;
      } else {
        o.data = Strided.toContiguous(t.storage(), t.storageOffset(), shape, strides);
        o.offset = 0;
        o.batchStrides = java.util.Arrays.copyOf(Shapes.contiguousStrides(shape), rank - 2);
        o.rowStride = Math.max(cols, 1);
        o.colStride = 1;
        o.leading = Math.max(cols, 1);
        o.transposed = false;
      }
      return o;
    }
  }
}
