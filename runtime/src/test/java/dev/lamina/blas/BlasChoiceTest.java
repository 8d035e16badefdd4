package dev.lamina.blas;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Each {@code lamina.blas} choice, in a JVM of its own (the choice is made once per JVM): what it
 * reports, and that a product computed through it is right.
 */
class BlasChoiceTest {
  /** Prints the choice's description, then a 70x60 by 60x50 product's checksum against a loop's. */
  public static void main(String[] args) {
    int m = 70;
    int k = 60;
    int n = 50;
    float[] a = new float[m * k];
    float[] b = new float[k * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = (i % 7) - 3;
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (i % 5) - 2;
    }
    float[] c = new float[m * n];
    Blas.gemm(m, n, k, a, 0, k, false, b, 0, n, false, 0f, c, 0, n);
    boolean same = true;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float expected = 0;
        for (int p = 0; p < k; p++) {
          expected += a[i * k + p] * b[p * n + j];
        }
        same &= expected == c[i * n + j];
      }
    }
    System.out.println(Blas.description());
    System.out.println(same ? "product right" : "product wrong");
  }

  @Test
  void bundledOpenBlasIsCheckedThenUsed() throws Exception {
    String out = run("bundled");
    assertThat(out).contains("JNIBLAS (native, bundled OpenBLAS");
    assertThat(out).contains("product right");
  }

  @Test
  void javaIsPureJava() throws Exception {
    String out = run("java");
    assertThat(out).contains("(Java, pure Java)");
    assertThat(out).contains("product right");
  }

  @Test
  void autoIsNativeOnThisPlatform() throws Exception {
    String out = run("auto");
    assertThat(out).contains("JNIBLAS (native");
    assertThat(out).contains("product right");
  }

  @Test
  void anUnknownChoiceIsRefusedByName() throws Exception {
    String out = run("fastest");
    assertThat(out).contains("lamina.blas must be auto, bundled, system or java, but is \"fastest\"");
  }

  private static String run(String choice) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-Dlamina.blas=" + choice, "-cp",
        System.getProperty("java.class.path"), BlasChoiceTest.class.getName())
        .redirectErrorStream(true)
        .start();
    byte[] output = child.getInputStream().readAllBytes();
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new String(output, StandardCharsets.UTF_8);
  }
}
