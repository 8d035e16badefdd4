package dev.lamina.io;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.lamina.Tensor;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Test files and comparisons shared by the file tests. */
final class Fixtures {
  private Fixtures() {}

  /** A file under {@code src/test/resources}. */
  static Path resource(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new AssertionError("missing test resource " + name, e);
    }
  }

  /** Same shape, and every value within {@code tolerance} (relative above magnitude 1). */
  static void assertClose(String what, Tensor actual, Tensor expected, double tolerance) {
    assertWithMessage(what + " shape").that(actual.shape()).isEqualTo(expected.shape());
    float[] a = actual.toFloatArray();
    float[] e = expected.toFloatArray();
    for (int i = 0; i < a.length; i++) {
      double allowed = tolerance * Math.max(1.0, Math.abs(e[i]));
      assertWithMessage(what + " value " + i + ": " + a[i] + " vs " + e[i])
          .that(Math.abs(a[i] - e[i]) <= allowed).isTrue();
    }
  }
}
