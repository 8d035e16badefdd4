package dev.lamina.data;

import static com.google.common.truth.Truth.assertThat;
import static dev.lamina.data.IdxFileTest.idx;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.Tensor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@link Mnist} on the vendored 10,000 digits (facts from their provenance note, and sums computed
 * from the raw files with Python's gzip module) and on mismatched pairs built here.
 */
class MnistTest {
  private static final Path DATA =
      Path.of("..", "examples", "src", "main", "resources", "dev", "lamina", "examples", "mnist");

  @Test
  void readsTheVendoredDigits() throws IOException {
    Mnist mnist = Mnist.read(DATA.resolve("mnist-10k-images-idx3-ubyte.gz"),
        DATA.resolve("mnist-10k-labels-idx1-ubyte.gz"));

    assertThat(mnist.size()).isEqualTo(10_000);
    assertThat(mnist.images().shape()).isEqualTo(new int[] {10_000, 28, 28});
    int[] counts = new int[10];
    for (int label : mnist.labels()) {
      counts[label]++;
    }
    assertThat(counts).isEqualTo(new int[] {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978});
    float[] pixels = mnist.images().toFloatArray();
    float min = Float.MAX_VALUE;
    float max = -Float.MAX_VALUE;
    double firstImageBytes = 0;
    for (int i = 0; i < pixels.length; i++) {
      min = Math.min(min, pixels[i]);
      max = Math.max(max, pixels[i]);
      if (i < 28 * 28) {
        firstImageBytes += Math.round(pixels[i] * 255);
      }
    }
    assertThat(min).isEqualTo(0f);
    assertThat(max).isEqualTo(1f);
    assertThat(firstImageBytes).isEqualTo(17768.0);
    assertThat(java.util.Arrays.copyOf(mnist.labels(), 10))
        .isEqualTo(new int[] {9, 7, 4, 8, 0, 9, 9, 5, 3, 9});
  }

  @Test
  void slicesIntoTrainingAndTestSets() throws IOException {
    Mnist mnist = read(idx(0x0803, new int[] {3, 1, 2}, 0, 255, 51, 0, 0, 102),
        idx(0x0801, new int[] {3}, 4, 5, 6));

    Mnist tail = mnist.slice(1, 3);

    assertThat(tail.size()).isEqualTo(2);
    assertThat(tail.labels()).isEqualTo(new int[] {5, 6});
    assertThat(tail.labelTensor().toLongArray()).asList().containsExactly(5L, 6L).inOrder();
    assertThat(tail.images().toFloatArray()).usingExactEquality()
        .containsExactly(51 / 255f, 0f, 0f, 102 / 255f).inOrder();
    assertThrows(IndexOutOfBoundsException.class, () -> mnist.slice(2, 4));
  }

  @Test
  void refusesCountsThatDiffer() {
    IdxFormatException e = assertThrows(IdxFormatException.class,
        () -> read(idx(0x0803, new int[] {2, 1, 1}, 0, 0), idx(0x0801, new int[] {3}, 1, 2, 3)));

    assertThat(e).hasMessageThat()
        .isEqualTo("labels.idx: has 3 labels but images.idx has 2 images (at byte offset 4)");
  }

  @Test
  void refusesLabelsThatAreNotDigits() {
    IdxFormatException e = assertThrows(IdxFormatException.class,
        () -> read(idx(0x0803, new int[] {2, 1, 1}, 0, 0), idx(0x0801, new int[] {2}, 1, 10)));

    assertThat(e).hasMessageThat().contains("label 1 is 10, not a digit 0-9");
    assertThat(e.offset()).isEqualTo(9);
  }

  @Test
  void refusesFilesSwapped() {
    IdxFormatException e = assertThrows(IdxFormatException.class,
        () -> read(idx(0x0801, new int[] {2}, 1, 2), idx(0x0803, new int[] {2, 1, 1}, 0, 0)));

    assertThat(e).hasMessageThat().contains("expected images with 3 dimensions");
  }

  private static Mnist read(byte[] images, byte[] labels) throws IOException {
    return Mnist.read(new ByteArrayInputStream(images), "images.idx",
        new ByteArrayInputStream(labels), "labels.idx");
  }
}
