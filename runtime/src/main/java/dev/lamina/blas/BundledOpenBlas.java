package dev.lamina.blas;

import java.io.File;
import java.nio.file.Files;
import java.util.Optional;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The OpenBLAS that ships inside the {@code org.bytedeco:openblas} jar, so that a machine without a
 * system BLAS still gets native speed.
 *
 * <p>netlib's JNI layer opens whatever library path it is given and crashes the JVM at the first
 * call if that is not a real BLAS. So the path is handed over only after JavaCPP has loaded the
 * library and a small product computed through it has come out right.
 */
final class BundledOpenBlas {
  private static final String LIBRARY = "libopenblas.so.0";

  private BundledOpenBlas() {}

  /**
   * The path of the checked bundled library, or empty (with the reason) when this platform has none
   * or it failed the check.
   */
  static Optional<File> checkedLibrary(StringBuilder reason) {
    try {
      String platform = Loader.getPlatform();
      Loader.load(openblas_nolapack.class);
      File file = Loader.cacheResource(openblas_nolapack.class,
          "org/bytedeco/openblas/" + platform + "/" + LIBRARY);
      if (file == null || !Files.isRegularFile(file.toPath())) {
        reason.append("no bundled ").append(LIBRARY).append(" for ").append(platform);
        return Optional.empty();
      }
      if (!computesCorrectly()) {
        reason.append("the bundled OpenBLAS computed a wrong product");
        return Optional.empty();
      }
      return Optional.of(file);
    } catch (Throwable e) {
      // UnsatisfiedLinkError, NoClassDefFoundError (jar absent) and the like: fall back quietly.
      reason.append("the bundled OpenBLAS did not load: ").append(e);
      return Optional.empty();
    }
  }

  /** Sets the bundled library's thread count; false if it is not loaded. */
  static boolean setThreads(int threads) {
    try {
      openblas_nolapack.blas_set_num_threads(threads);
      return true;
    } catch (Throwable e) {
      return false;
    }
  }

  /** Multiplies two fixed 2x3 and 3x2 matrices and compares with the hand-computed product. */
  private static boolean computesCorrectly() {
    float[] a = {1, 2, 3, 4, 5, 6};
    float[] b = {7, 8, 9, 10, 11, 12};
    float[] c = new float[4];
    openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
        openblas_nolapack.CblasNoTrans, 2, 2, 3, 1f, a, 3, b, 2, 0f, c, 2);
    return c[0] == 58f && c[1] == 64f && c[2] == 139f && c[3] == 154f;
  }
}
