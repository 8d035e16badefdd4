package dev.lamina.kernels;

import dev.lamina.blas.Blas;

/**
 * {@code C = A·B + beta·C} on strided matrix views: plain loops for products below
 * {@link #NATIVE_THRESHOLD} multiply-adds, where crossing into native BLAS costs more than the
 * work, and BLAS {@code sgemm} above it, with transposed views passed as transposed rather than
 * copied.
 */
public final class Gemm {
  /** Below this many multiply-adds a plain loop beats a call into BLAS. */
  public static final long NATIVE_THRESHOLD = 4096;

  private Gemm() {}

  /**
   * A matrix view: element {@code (i, j)} is {@code data[offset + i * rowStride + j * colStride]}.
   */
  public record Matrix(float[] data, int offset, int rowStride, int colStride) {
    /** The transpose, as a view of the same storage. */
    public Matrix transposed() {
      return new Matrix(data, offset, colStride, rowStride);
    }

    /** The view moved by {@code delta} elements, for the next matrix of a batch. */
    public Matrix shifted(int delta) {
      return new Matrix(data, offset + delta, rowStride, colStride);
    }

    boolean isRowMajor(int rows, int cols) {
      return (colStride == 1 || cols == 1) && rowStride >= Math.max(cols, 1);
    }

    boolean isColumnMajor(int rows, int cols) {
      return (rowStride == 1 || rows == 1) && colStride >= Math.max(rows, 1);
    }

    Matrix rowMajorCopy(int rows, int cols) {
      float[] copy = new float[rows * cols];
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          copy[i * cols + j] = data[offset + i * rowStride + j * colStride];
        }
      }
      return new Matrix(copy, 0, Math.max(cols, 1), 1);
    }
  }

  /**
   * {@code C[m×n] = A[m×k]·B[k×n] + beta·C}, with {@code C} row-major at {@code c[cOffset]} and
   * {@code ldc} between rows. {@code beta} is 0 (overwrite, whatever {@code C} held) or 1 (add).
   */
  public static void multiply(int m, int n, int k, Matrix a, Matrix b, float beta, float[] c,
      int cOffset, int ldc) {
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0 || (long) m * n * k < NATIVE_THRESHOLD) {
      if (beta == 0f) {
        for (int i = 0; i < m; i++) {
          java.util.Arrays.fill(c, cOffset + i * ldc, cOffset + i * ldc + n, 0f);
        }
      }
      naive(m, n, k, a, b, c, cOffset, ldc);
      return;
    }
    Matrix left = a.isRowMajor(m, k) || a.isColumnMajor(m, k) ? a : a.rowMajorCopy(m, k);
    Matrix right = b.isRowMajor(k, n) || b.isColumnMajor(k, n) ? b : b.rowMajorCopy(k, n);
    boolean leftTransposed = !left.isRowMajor(m, k);
    boolean rightTransposed = !right.isRowMajor(k, n);
    Blas.gemm(m, n, k, left.data, left.offset, leftTransposed ? left.colStride : left.rowStride,
        leftTransposed, right.data, right.offset,
        rightTransposed ? right.colStride : right.rowStride, rightTransposed, beta, c, cOffset,
        ldc);
  }

  private static void naive(int m, int n, int k, Matrix a, Matrix b, float[] c, int cOffset,
      int ldc) {
    float[] ad = a.data;
    float[] bd = b.data;
    int ar = a.rowStride;
    int ac = a.colStride;
    int br = b.rowStride;
    int bc = b.colStride;
    for (int i = 0; i < m; i++) {
      int row = cOffset + i * ldc;
      for (int p = 0; p < k; p++) {
        float av = ad[a.offset + i * ar + p * ac];
        int bp = b.offset + p * br;
        if (bc == 1) {
          for (int j = 0; j < n; j++) {
            c[row + j] += av * bd[bp + j];
          }
        } else {
          for (int j = 0; j < n; j++) {
            c[row + j] += av * bd[bp + j * bc];
          }
        }
      }
    }
  }
}
