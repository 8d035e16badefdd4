package dev.lamina.spark;

import dev.lamina.data.Mnist;
import dev.lamina.spark.data.MnistFrames;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The bundled MNIST digits, read once per test JVM. */
public final class Digits {
  private static Mnist all;

  private Digits() {}

  /** All 10,000 bundled digits. */
  public static synchronized Mnist all() {
    if (all == null) {
      try {
        all = Mnist.read(MnistFrames.bundledImages(), MnistFrames.bundledLabels());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return all;
  }

  /** The first {@code n} digits' pixels, {@code [n, 784]}, row-major. */
  public static float[] pixels(int n) {
    return all().slice(0, n).images().toFloatArray();
  }

  /** The first {@code n} digits' labels. */
  public static int[] labels(int n) {
    return all().slice(0, n).labels();
  }
}
