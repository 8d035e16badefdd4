package dev.lamina.data;

import dev.lamina.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A set of MNIST-style digits: images {@code [n, rows, cols]} scaled to [0, 1] and their labels
 * 0-9, read from a pair of IDX files (see {@link IdxFile}) and checked to match.
 *
 * <pre>{@code
 * Mnist all = Mnist.read(Path.of("t10k-images-idx3-ubyte.gz"), Path.of("t10k-labels-idx1-ubyte.gz"));
 * Mnist train = all.slice(0, 8000);
 * Tensor x = train.images().reshape(train.size(), -1); // [8000, 784]
 * }</pre>
 */
public final class Mnist {
  private final Tensor images;
  private final int[] labels;

  private Mnist(Tensor images, int[] labels) {
    this.images = images;
    this.labels = labels;
  }

  /** Reads the images file and the labels file, each plain or gzip-compressed. */
  public static Mnist read(Path imagesFile, Path labelsFile) throws IOException {
    try (InputStream images = Files.newInputStream(imagesFile);
        InputStream labels = Files.newInputStream(labelsFile)) {
      return read(images, imagesFile.toString(), labels, labelsFile.toString());
    }
  }

  /**
   * Reads images and labels from streams (class-path resources, say), named in error messages;
   * does not close them.
   *
   * @throws IdxFormatException when either is not a well-formed IDX file, when the images file
   *     does not have 3 dimensions or the labels file 1, when their counts differ, or when a label
   *     is not a digit 0-9
   */
  public static Mnist read(InputStream images, String imagesName, InputStream labels,
      String labelsName) throws IOException {
    IdxFile imageFile = IdxFile.read(images, imagesName);
    IdxFile labelFile = IdxFile.read(labels, labelsName);
    int[] imageDims = imageFile.dims();
    int[] labelDims = labelFile.dims();
    if (imageDims.length != 3) {
      throw new IdxFormatException(imagesName, 3, "expected images with 3 dimensions [n, rows,"
          + " cols], found dimensions " + Arrays.toString(imageDims));
    }
    if (labelDims.length != 1) {
      throw new IdxFormatException(labelsName, 3, "expected labels with 1 dimension [n], found"
          + " dimensions " + Arrays.toString(labelDims));
    }
    if (imageDims[0] != labelDims[0]) {
      throw new IdxFormatException(labelsName, 4, "has " + labelDims[0] + " labels but "
          + imagesName + " has " + imageDims[0] + " images");
    }
    int[] digits = labelFile.toLabels();
    for (int i = 0; i < digits.length; i++) {
      if (digits[i] > 9) {
        throw new IdxFormatException(labelsName, 8 + i,
            "label " + i + " is " + digits[i] + ", not a digit 0-9");
      }
    }
    return new Mnist(imageFile.toImages(), digits);
  }

  /** The number of digits. */
  public int size() {
    return labels.length;
  }

  /** The images, {@code [size(), rows, cols]}, values in [0, 1]. */
  public Tensor images() {
    return images;
  }

  /** The labels 0-9 (a copy). */
  public int[] labels() {
    return labels.clone();
  }

  /**
   * The labels as an int64 tensor {@code [size()]}, the form {@link Tensor#argmax} returns and
   * {@code Losses.crossEntropy} takes.
   */
  public Tensor labelTensor() {
    long[] values = new long[labels.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = labels[i];
    }
    return Tensor.ofLongs(values);
  }

  /** The digits {@code from} (inclusive) to {@code to} (exclusive), sharing the image storage. */
  public Mnist slice(int from, int to) {
    if (from < 0 || to > size() || from > to) {
      throw new IndexOutOfBoundsException(
          "Mnist.slice: [" + from + ", " + to + ") is not within the " + size() + " digits");
    }
    return new Mnist(images.slice(0, from, to), Arrays.copyOfRange(labels, from, to));
  }
}
