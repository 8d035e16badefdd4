package dev.lamina.blas;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import java.lang.System.Logger.Level;
import java.util.Objects;

/**
 * The BLAS implementation that matrix products run on, and row-major {@code sgemm} on top of it.
 *
 * <p>By default it is what {@code dev.ludovic.netlib} picks: native OpenBLAS ({@code JNIBLAS}) when
 * the system has {@code libblas.so.3} pointing at it, else the fastest pure-Java implementation. The
 * choice is logged once. No library path is ever passed to netlib, since a wrong one crashes the
 * JVM at the first call.
 *
 * <p>Tests and benchmarks switch implementations with {@link #use(BLAS)}.
 */
public final class Blas {
  private static final System.Logger LOG = System.getLogger(Blas.class.getName());
  private static volatile BLAS current;

  private Blas() {}

  /** The implementation in use, chosen (and logged) on first use. */
  public static BLAS get() {
    BLAS blas = current;
    if (blas == null) {
      synchronized (Blas.class) {
        blas = current;
        if (blas == null) {
          blas = BLAS.getInstance();
          LOG.log(Level.INFO, "Lamina matrix products run on " + describe(blas));
          current = blas;
        }
      }
    }
    return blas;
  }

  /** The pure-Java implementation, available everywhere. */
  public static BLAS java() {
    return JavaBLAS.getInstance();
  }

  /** Replaces the implementation in use; returns the previous one. */
  public static BLAS use(BLAS blas) {
    BLAS previous = get();
    current = Objects.requireNonNull(blas, "blas");
    return previous;
  }

  /** A short description, e.g. {@code JNIBLAS (native)} or {@code VectorBLAS (Java)}. */
  public static String describe(BLAS blas) {
    String name = blas.getClass().getSimpleName();
    return name + (name.startsWith("JNI") ? " (native)" : " (Java)");
  }

  /** Whether the implementation in use is native code. */
  public static boolean isNative() {
    return get().getClass().getSimpleName().startsWith("JNI");
  }

  /**
   * Row-major {@code C = A·B + beta·C} with {@code A} m×k and {@code B} k×n. Each operand is given
   * by its array, offset, leading dimension (the stride between rows of its row-major layout) and
   * whether it is stored transposed (then the leading dimension is the stride between its columns).
   */
  public static void gemm(int m, int n, int k, float[] a, int aOffset, int lda, boolean aTransposed,
      float[] b, int bOffset, int ldb, boolean bTransposed, float beta, float[] c, int cOffset,
      int ldc) {
    // Row-major C = A B is column-major C^T = B^T A^T: swap the operands and the sizes.
    get().sgemm(bTransposed ? "T" : "N", aTransposed ? "T" : "N", n, m, k, 1f, b, bOffset, ldb, a,
        aOffset, lda, beta, c, cOffset, ldc);
  }
}
