package dev.lamina.blas;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import java.io.File;
import java.nio.file.Path;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The BLAS implementation that matrix products run on, and row-major {@code sgemm} on top of it.
 *
 * <p>The system property {@code lamina.blas} chooses:
 *
 * <ul>
 *   <li>{@code auto} (the default): the system's {@code libblas.so.3} when it is an optimized
 *       library (OpenBLAS, BLIS, MKL: Debian's {@code libopenblas0}); else the OpenBLAS bundled in
 *       the {@code org.bytedeco:openblas} jar, once it has loaded and computed a product
 *       correctly; failing that, netlib's pure-Java implementation;
 *   <li>{@code bundled}: the bundled OpenBLAS even where the system has one;
 *   <li>{@code system}: what netlib picks: native ({@code JNIBLAS}) when the system's
 *       {@code libblas.so.3} loads (Debian's {@code libopenblas0}), else pure Java;
 *   <li>{@code java}: netlib's pure-Java implementation ({@code VectorBLAS} when the JVM runs with
 *       {@code --add-modules jdk.incubator.vector}, else {@code Java11BLAS}).
 * </ul>
 *
 * <p>The choice is logged once. Only a library that passed the check is handed to netlib, since a
 * path that is not a real BLAS crashes the JVM at the first call.
 *
 * <p>Tests and benchmarks switch implementations with {@link #use(BLAS)}.
 */
public final class Blas {
  private static final System.Logger LOG = System.getLogger(Blas.class.getName());
  private static final String NETLIB_LIBRARY_PROPERTY = "dev.ludovic.netlib.blas.nativeLibPath";
  /**
   * netlib's own logger: held so that the quieter level set below stays in force (JUL keeps
   * loggers weakly).
   */
  private static final java.util.logging.Logger NETLIB_LOG =
      java.util.logging.Logger.getLogger("dev.ludovic.netlib.blas");
  private static volatile BLAS current;
  private static volatile boolean nativeInUse;
  private static volatile String source = "";

  private Blas() {}

  /** The implementation in use, chosen (and logged) on first use. */
  public static BLAS get() {
    BLAS blas = current;
    if (blas == null) {
      synchronized (Blas.class) {
        blas = current;
        if (blas == null) {
          blas = choose();
          nativeInUse = isNativeImplementation(blas);
          current = blas;
          LOG.log(Level.INFO, "Lamina matrix products run on " + description());
        }
      }
    }
    return blas;
  }

  private static BLAS choose() {
    // netlib warns about every implementation it probes and skips; the one line logged below says
    // what was chosen. A level the user configured is left alone.
    if (NETLIB_LOG.getLevel() == null) {
      NETLIB_LOG.setLevel(java.util.logging.Level.SEVERE);
    }
    String mode = System.getProperty("lamina.blas", "auto").toLowerCase(Locale.ROOT);
    switch (mode) {
      case "java" -> {
        source = "pure Java";
        return JavaBLAS.getInstance();
      }
      case "system" -> {
        return netlibChoice("lamina.blas=system");
      }
      case "auto", "bundled" -> { }
      default -> throw new IllegalArgumentException(
          "lamina.blas must be auto, bundled, system or java, but is \"" + mode + "\"");
    }
    if (System.getProperty(NETLIB_LIBRARY_PROPERTY) != null) {
      return netlibChoice(NETLIB_LIBRARY_PROPERTY + " set by the user");
    }
    if (mode.equals("auto")) {
      Optional<Path> system = SystemBlas.optimizedLibrary();
      if (system.isPresent()) {
        return netlibChoice(system.get().toString());
      }
    }
    StringBuilder reason = new StringBuilder();
    Optional<File> bundled = BundledOpenBlas.checkedLibrary(reason);
    if (bundled.isEmpty()) {
      return netlibChoice(reason.toString());
    }
    System.setProperty(NETLIB_LIBRARY_PROPERTY, bundled.get().getAbsolutePath());
    BLAS blas = BLAS.getInstance();
    source = blas.getClass().getSimpleName().startsWith("JNI")
        ? "bundled OpenBLAS " + bundled.get().getName()
        : "netlib could not use the bundled OpenBLAS";
    return blas;
  }

  private static BLAS netlibChoice(String why) {
    BLAS blas = BLAS.getInstance();
    source = (blas.getClass().getSimpleName().startsWith("JNI") ? "system libblas.so.3" : "pure Java")
        + "; " + why;
    return blas;
  }

  /**
   * What matrix products run on and where it came from, e.g. {@code JNIBLAS (native, bundled
   * OpenBLAS libopenblas.so.0)}.
   */
  public static String description() {
    BLAS blas = get();
    String name = blas.getClass().getSimpleName();
    return name + " (" + (name.startsWith("JNI") ? "native" : "Java")
        + (source.isEmpty() ? "" : ", " + source) + ")";
  }

  /**
   * Sets how many threads the bundled OpenBLAS uses for one product. With a system BLAS the count
   * comes from {@code OPENBLAS_NUM_THREADS} at start-up instead, and this returns {@code false}.
   */
  public static boolean setThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("BLAS threads must be at least 1, got " + threads);
    }
    get();
    return source.startsWith("bundled") && BundledOpenBlas.setThreads(threads);
  }

  private static boolean isNativeImplementation(BLAS blas) {
    return blas.getClass().getSimpleName().startsWith("JNI");
  }

  /** The pure-Java implementation, available everywhere. */
  public static BLAS java() {
    return JavaBLAS.getInstance();
  }

  /** Replaces the implementation in use; returns the previous one. */
  public static BLAS use(BLAS blas) {
    BLAS previous = get();
    nativeInUse = isNativeImplementation(Objects.requireNonNull(blas, "blas"));
    current = blas;
    return previous;
  }

  /** A short description, e.g. {@code JNIBLAS (native)} or {@code VectorBLAS (Java)}. */
  public static String describe(BLAS blas) {
    String name = blas.getClass().getSimpleName();
    return name + (name.startsWith("JNI") ? " (native)" : " (Java)");
  }

  /** Whether the implementation in use is native code. */
  public static boolean isNative() {
    get();
    return nativeInUse;
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
