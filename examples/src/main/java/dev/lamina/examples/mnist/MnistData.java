package dev.lamina.examples.mnist;

import dev.lamina.Generator;
import dev.lamina.Tensor;
import dev.lamina.data.Mnist;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Digits in memory for training: row-major pixels in [0, 1] and their labels, with batches drawn in
 * any order.
 */
public final class MnistData {
  private static final String FOLDER = "/dev/lamina/examples/mnist/";
  private static final int PIXELS = 28 * 28;
  /** MNIST's pixel mean and standard deviation: inputs are standardized with them. */
  private static final float MEAN = 0.1307f;
  private static final float STD = 0.3081f;

  private final float[] pixels;
  private final int[] labels;

  private MnistData(float[] pixels, int[] labels) {
    this.pixels = pixels;
    this.labels = labels;
  }

  /** The 10,000 digits bundled with the examples (see the README beside them for provenance). */
  public static MnistData bundled() {
    String images = "mnist-10k-images-idx3-ubyte.gz";
    String labels = "mnist-10k-labels-idx1-ubyte.gz";
    try (InputStream imageStream = open(images);
        InputStream labelStream = open(labels)) {
      return of(Mnist.read(imageStream, images, labelStream, labels));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Digits read with the runtime's MNIST reader, e.g. the full files a user downloaded. */
  public static MnistData of(Mnist mnist) {
    float[] pixels = mnist.images().toFloatArray();
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (pixels[i] - MEAN) / STD;
    }
    return new MnistData(pixels, mnist.labels());
  }

  private static InputStream open(String name) {
    return Objects.requireNonNull(MnistData.class.getResourceAsStream(FOLDER + name),
        () -> "missing resource " + FOLDER + name);
  }

  /** Digits {@code from} to {@code to} (exclusive). */
  public MnistData range(int from, int to) {
    float[] p = new float[(to - from) * PIXELS];
    System.arraycopy(pixels, from * PIXELS, p, 0, p.length);
    int[] l = new int[to - from];
    System.arraycopy(labels, from, l, 0, l.length);
    return new MnistData(p, l);
  }

  /** How many digits. */
  public int size() {
    return labels.length;
  }

  /** {@code 0, 1, ..., size - 1}. */
  public int[] identityOrder() {
    int[] order = new int[size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    return order;
  }

  /** A random permutation (Fisher-Yates) drawn from {@code generator}. */
  public int[] shuffledOrder(Generator generator) {
    return generator.permutation(size());
  }

  /** The images {@code order[from..to)} as a {@code [to - from, 28, 28]} tensor. */
  public Tensor images(int[] order, int from, int to) {
    float[] batch = new float[(to - from) * PIXELS];
    for (int i = from; i < to; i++) {
      System.arraycopy(pixels, order[i] * PIXELS, batch, (i - from) * PIXELS, PIXELS);
    }
    return Tensor.wrap(batch, to - from, 28, 28);
  }

  /** The labels {@code order[from..to)}. */
  public int[] labels(int[] order, int from, int to) {
    int[] batch = new int[to - from];
    for (int i = from; i < to; i++) {
      batch[i - from] = labels[order[i]];
    }
    return batch;
  }
}
