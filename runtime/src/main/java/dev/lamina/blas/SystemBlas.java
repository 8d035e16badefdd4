package dev.lamina.blas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the system's {@code libblas.so.3}, the library netlib opens by name, and tells whether it is
 * an optimized one. Debian and others install the slow reference BLAS under the same name, so the
 * file behind the name (through {@code update-alternatives} links) is what counts.
 */
final class SystemBlas {
  private static final String LIBRARY = "libblas.so.3";
  private static final String[] OPTIMIZED = {"openblas", "blis", "mkl", "atlas", "armpl"};

  private SystemBlas() {}

  /** The real path of an optimized {@code libblas.so.3} the dynamic loader would find, if any. */
  static Optional<Path> optimizedLibrary() {
    for (Path folder : searchPath()) {
      Path candidate = folder.resolve(LIBRARY);
      if (!Files.exists(candidate)) {
        continue;
      }
      try {
        Path real = candidate.toRealPath();
        String name = real.toString().toLowerCase(Locale.ROOT);
        for (String optimized : OPTIMIZED) {
          if (name.contains(optimized)) {
            return Optional.of(real);
          }
        }
        // The first library found is the one loaded: a reference BLAS there wins over any later.
        return Optional.empty();
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static List<Path> searchPath() {
    List<Path> folders = new ArrayList<>();
    String extra = System.getenv("LD_LIBRARY_PATH");
    if (extra != null) {
      for (String folder : extra.split(":", -1)) {
        if (!folder.isEmpty()) {
          folders.add(Path.of(folder));
        }
      }
    }
    String arch = System.getProperty("os.arch", "");
    String triplet = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64-linux-gnu"
        : arch.equals("aarch64") ? "aarch64-linux-gnu" : arch + "-linux-gnu";
    for (String folder : new String[] {
        "/usr/lib/" + triplet, "/lib/" + triplet, "/usr/lib64", "/lib64", "/usr/lib", "/lib"}) {
      folders.add(Path.of(folder));
    }
    return folders;
  }
}
