package dev.lamina.kernels;

import dev.lamina.blas.Blas;

/**
 * {@code C = A·B + beta·C} on strided matrix views: plain loops for small products, where crossing
 * into BLAS costs more than the work, and BLAS {@code sgemm} for the rest, with transposed views
 * passed as transposed rather than copied.
 *
 * <p>A call into native BLAS costs about 0.2 µs, what a loop spends on a few hundred multiply-adds
 * ({@link #NATIVE_CALL_WORTHWHILE}); the pure-Java BLAS gains on the loops only for larger products
 * ({@link #NATIVE_THRESHOLD}).
 */
public final class Gemm {
  /** Products of at least this many multiply-adds always go to BLAS, native or Java. */
  public static final long NATIVE_THRESHOLD = 4096;

  /** With native BLAS, products of at least this many multiply-adds go to it. */
  public static final long NATIVE_CALL_WORTHWHILE = 256;

  private Gemm() {}

  /**
   * A matrix view: element {@code (i, j)} is {@code data[offset + i * rowStride + j * colStride]}.
   */
  // A view, not a value: it shares the tensor's storage on purpose, so equality by identity of the
  // array is what a view means, and copying it would defeat it.
  @SuppressWarnings("ArrayRecordComponent")
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
    long work = (long) m * n * k;
    if (k == 0 || work < (Blas.isNative() ? NATIVE_CALL_WORTHWHILE : NATIVE_THRESHOLD)) {
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
    if (n >= 32) {
      rowsTimesMatrix(m, n, k, a, b, c, cOffset, ldc);
    } else {
      dotProducts(m, n, k, a, b, c, cOffset, ldc);
    }
  }

  /**
   * {@code C[i, :] += A[i, p] · B[p, :]}: the inner loop runs along a row of {@code B} and
   * vectorizes, which pays off when rows are long.
   */
  private static void rowsTimesMatrix(int m, int n, int k, Matrix a, Matrix b, float[] c,
      int cOffset, int ldc) {
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

  /**
   * {@code C[i, j] += A[i, :] · B[:, j]} with four independent sums: for short rows of {@code C} a
   * vectorized inner loop never gets going, while four chains of multiply-adds keep the FPU busy.
   */
  private static void dotProducts(int m, int n, int k, Matrix a, Matrix b, float[] c,
      int cOffset, int ldc) {
    float[] ad = a.data;
    float[] bd = b.data;
    int ar = a.rowStride;
    int ac = a.colStride;
    int br = b.rowStride;
    int bc = b.colStride;
    int k4 = k & ~3;
    for (int i = 0; i < m; i++) {
      int aRow = a.offset + i * ar;
      for (int j = 0; j < n; j++) {
        int bCol = b.offset + j * bc;
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int p = 0;
        for (; p < k4; p += 4) {
          s0 += ad[aRow + p * ac] * bd[bCol + p * br];
          s1 += ad[aRow + (p + 1) * ac] * bd[bCol + (p + 1) * br];
          s2 += ad[aRow + (p + 2) * ac] * bd[bCol + (p + 2) * br];
          s3 += ad[aRow + (p + 3) * ac] * bd[bCol + (p + 3) * br];
        }
        for (; p < k; p++) {
          s0 += ad[aRow + p * ac] * bd[bCol + p * br];
        }
        c[cOffset + i * ldc + j] += (s0 + s1) + (s2 + s3);
      }
    }
  }
}
