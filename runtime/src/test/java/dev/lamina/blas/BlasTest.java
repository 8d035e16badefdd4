package dev.lamina.blas;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link Blas#gemm}, the row-major wrapper over column-major {@code sgemm}, against a naive loop for
 * every {@code m, k, n} in 1..4 and both storage orders of each operand, with padded leading
 * dimensions, offsets and {@code beta}.
 */
class BlasTest {
  private final BLAS original = Blas.get();

  @AfterEach
  void restoreBlas() {
    Blas.use(original);
  }

  @Test
  void gemmMatchesNaiveLoopOnJavaBlas() {
    Blas.use(Blas.java());
    assertThat(Blas.isNative()).isFalse();
    assertEveryShape();
  }

  @Test
  void gemmMatchesNaiveLoopOnNativeBlas() {
    BLAS nativeBlas;
    try {
      nativeBlas = NativeBLAS.getInstance();
    } catch (RuntimeException | LinkageError e) {
      Assumptions.abort("no native BLAS on this machine: " + e);
      return;
    }
    Blas.use(nativeBlas);
    assertThat(Blas.isNative()).isTrue();
    assertThat(Blas.describe(nativeBlas)).endsWith("(native)");
    assertEveryShape();
  }

  @Test
  void useReturnsThePreviousImplementation() {
    BLAS java = Blas.java();
    BLAS before = Blas.use(java);
    assertThat(Blas.use(before)).isSameInstanceAs(java);
    assertThat(Blas.get()).isSameInstanceAs(before);
  }

  private static void assertEveryShape() {
    SplittableRandom random = new SplittableRandom(7);
    for (int m = 1; m <= 4; m++) {
      for (int k = 1; k <= 4; k++) {
        for (int n = 1; n <= 4; n++) {
          for (boolean aTransposed : new boolean[] {false, true}) {
            for (boolean bTransposed : new boolean[] {false, true}) {
              assertGemm(random, m, k, n, aTransposed, bTransposed);
            }
          }
        }
      }
    }
  }

  /**
   * A is m x k, stored row-major with leading dimension {@code k + 1} (or, transposed, as k x m with
   * leading dimension {@code m + 1}), after an offset of 3; likewise B; C has leading dimension n + 2.
   */
  private static void assertGemm(SplittableRandom random, int m, int k, int n,
      boolean aTransposed, boolean bTransposed) {
    int lda = (aTransposed ? m : k) + 1;
    int ldb = (bTransposed ? k : n) + 1;
    int ldc = n + 2;
    float[] a = randomArray(random, 3 + lda * (aTransposed ? k : m));
    float[] b = randomArray(random, 3 + ldb * (bTransposed ? n : k));
    float[] c = randomArray(random, 1 + ldc * m);
    float[] expected = c.clone();
    float beta = 0.5f;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        for (int p = 0; p < k; p++) {
          float av = aTransposed ? a[3 + p * lda + i] : a[3 + i * lda + p];
          float bv = bTransposed ? b[3 + j * ldb + p] : b[3 + p * ldb + j];
          sum += (double) av * bv;
        }
        expected[1 + i * ldc + j] = (float) (sum + beta * c[1 + i * ldc + j]);
      }
    }
    Blas.gemm(m, n, k, a, 3, lda, aTransposed, b, 3, ldb, bTransposed, beta, c, 1, ldc);
    for (int i = 0; i < c.length; i++) {
      assertWithMessage("m=%s k=%s n=%s aT=%s bT=%s, c[%s]", m, k, n, aTransposed, bTransposed, i)
          .that((double) c[i]).isWithin(1e-5).of(expected[i]);
    }
  }

  private static float[] randomArray(SplittableRandom random, int length) {
    float[] out = new float[length];
    for (int i = 0; i < length; i++) {
      out[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return out;
  }
}
