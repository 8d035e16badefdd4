package dev.lamina.data;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.Tensor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link IdxFile} on files built byte by byte here: well-formed, gzip-compressed, and hostile. */
class IdxFileTest {
  @TempDir Path folder;

  @Test
  void readsImagesScaledToUnitRange() throws IOException {
    byte[] file = idx(0x0803, new int[] {2, 1, 3}, 0, 51, 255, 102, 204, 1);

    Tensor images = IdxFile.read(stream(file), "images").toImages();

    assertThat(images.shape()).isEqualTo(new int[] {2, 1, 3});
    assertThat(images.toFloatArray()).usingExactEquality().containsExactly(
        0f, 51 / 255f, 1f, 102 / 255f, 204 / 255f, 1 / 255f).inOrder();
  }

  @Test
  void readsLabelsAndRawBytesAsUnsigned() throws IOException {
    IdxFile labels = IdxFile.read(stream(idx(0x0801, new int[] {4}, 7, 0, 200, 9)), "labels");

    assertThat(labels.dims()).isEqualTo(new int[] {4});
    assertThat(labels.toLabels()).isEqualTo(new int[] {7, 0, 200, 9});
    assertThat(labels.rawBytes()).isEqualTo(new byte[] {7, 0, (byte) 200, 9});
  }

  @Test
  void readsGzipFilesFoundByTheirContentNotTheirName() throws IOException {
    Path file = folder.resolve("labels.idx");
    Files.write(file, gzip(idx(0x0801, new int[] {3}, 1, 2, 3)));

    assertThat(IdxFile.read(file).toLabels()).isEqualTo(new int[] {1, 2, 3});
  }

  @Test
  void refusesABadMagicNumber() {
    byte[] file = idx(0x0801, new int[] {1}, 5);
    file[0] = 0x12;

    IdxFormatException e = refused(file);

    assertThat(e).hasMessageThat().contains("bad magic number 0x12000801");
    assertThat(e.offset()).isEqualTo(0);
  }

  @Test
  void refusesTypesOtherThanUnsignedBytes() {
    IdxFormatException e = refused(idx(0x0D01, new int[] {1}, 0, 0, 0, 0));

    assertThat(e).hasMessageThat().contains("element type 0x0D is not supported");
    assertThat(e.offset()).isEqualTo(2);
  }

  @Test
  void readsAFileOfZeroDimensionsAsOneElement() throws IOException {
    IdxFile scalar = IdxFile.read(stream(idx(0x0800, new int[0], 42)), "scalar.idx");

    assertThat(scalar.dims()).isEmpty();
    assertThat(scalar.rawBytes()).isEqualTo(new byte[] {42});
  }

  @Test
  void readsSizesOfZeroPlainAndCompressed() throws IOException {
    byte[] noImages = idx(0x0803, new int[] {0, 28, 28});
    Path file = folder.resolve("empty-images.idx.gz");
    Files.write(file, gzip(noImages));

    for (IdxFile images : new IdxFile[] {IdxFile.read(stream(noImages), "empty"), IdxFile.read(file)}) {
      assertThat(images.dims()).isEqualTo(new int[] {0, 28, 28});
      assertThat(images.toImages().shape()).isEqualTo(new int[] {0, 28, 28});
    }
    // A size of 0 before a huge one still means no elements.
    assertThat(IdxFile.read(stream(idx(0x0802, new int[] {0, 2_000_000_000})), "x").dims())
        .isEqualTo(new int[] {0, 2_000_000_000});
  }

  @Test
  void refusesSizesWhoseProductExceedsTheLimit() {
    IdxFormatException e = refused(idx(0x0803, new int[] {60000, 28, 2_000_000}));

    assertThat(e).hasMessageThat().contains("dimension 2 has size 2000000");
    assertThat(e).hasMessageThat().contains("more than 1073741824 elements, the limit");
    assertThat(e.offset()).isEqualTo(12);
  }

  @Test
  void aSmallerLimitIsCheckedBeforeAnyDataIsRead() {
    byte[] file = idx(0x0801, new int[] {11});

    IdxFormatException e = assertThrows(IdxFormatException.class,
        () -> IdxFile.read(stream(file), "labels.idx", 10));

    assertThat(e).hasMessageThat().contains("more than 10 elements, the limit");
    assertThat(e.offset()).isEqualTo(4);
  }

  @Test
  void refusesAGzipBombAtTheHeader() throws IOException {
    // 1.2 GB of zeros behind a header that declares them, in 1.2 MB: gzip members of 1 MiB each.
    int members = 1200;
    int perMember = 1 << 20;
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    bomb.write(gzip(idx(0x0801, new int[] {members * perMember})));
    byte[] zeros = gzip(new byte[perMember]);
    for (int i = 0; i < members; i++) {
      bomb.write(zeros);
    }
    assertThat(bomb.size()).isLessThan(2_000_000);

    IdxFormatException e = refused(bomb.toByteArray());

    assertThat(e).hasMessageThat().contains("more than 1073741824 elements, the limit");
  }

  @Test
  void readsNoFurtherThanOneByteBeyondTheDeclaredElements() throws IOException {
    int[] counted = new int[1];
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(gzip(idx(0x0801, new int[] {2}, 1, 2)));
    byte[] zeros = gzip(new byte[1 << 20]);
    for (int i = 0; i < 1000; i++) {
      bytes.write(zeros);
    }
    java.io.InputStream counting = new java.io.FilterInputStream(stream(bytes.toByteArray())) {
      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        counted[0] += Math.max(n, 0);
        return n;
      }
    };

    IdxFormatException e =
        assertThrows(IdxFormatException.class, () -> IdxFile.read(counting, "labels.idx"));

    assertThat(e).hasMessageThat().contains("unexpected bytes after the data");
    assertThat(counted[0]).isLessThan(100_000);
  }

  @Test
  void refusesGzipMagicFollowedByGarbageNamingTheFile() throws IOException {
    Path file = folder.resolve("labels.idx.gz");
    Files.write(file, new byte[] {0x1f, (byte) 0x8b, 'n', 'o', 't', ' ', 'g', 'z', 'i', 'p', '!', '!'});

    IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxFile.read(file));

    assertThat(e).hasMessageThat().startsWith(file + ": starts like a gzip file but is not one");
    assertThat(e.source()).isEqualTo(file.toString());
    assertThat(e).hasCauseThat().isInstanceOf(java.util.zip.ZipException.class);
  }

  @Test
  void refusesCorruptCompressedDataNamingTheFile() throws IOException {
    byte[] compressed = gzip(idx(0x0801, new int[] {1000}, new int[1000]));
    for (int i = 12; i < compressed.length - 8; i++) {
      compressed[i] = (byte) 0xFF;
    }

    IdxFormatException e = refused(compressed);

    assertThat(e).hasMessageThat().startsWith("mnist.idx (decompressed): ");
  }

  @Test
  void refusesASizeAboveTheSignedRange() {
    IdxFormatException e = refused(idx(0x0801, new int[] {-1}));

    assertThat(e).hasMessageThat().contains("dimension 0 has size 4294967295");
    assertThat(e.offset()).isEqualTo(4);
  }

  @Test
  void refusesTruncatedData() {
    byte[] whole = idx(0x0803, new int[] {2, 2, 2}, 1, 2, 3, 4, 5, 6, 7, 8);

    IdxFormatException e = refused(Arrays.copyOf(whole, whole.length - 3));

    assertThat(e).hasMessageThat().startsWith("mnist.idx: truncated: expected 8 elements");
    assertThat(e).hasMessageThat().contains("the file ends after 5");
    assertThat(e.offset()).isEqualTo(16 + 5);
  }

  @Test
  void refusesATruncatedHeader() {
    IdxFormatException e = refused(Arrays.copyOf(idx(0x0803, new int[] {2, 2, 2}), 10));

    assertThat(e).hasMessageThat().contains("expected the size of dimension 1");
    assertThat(e.offset()).isEqualTo(10);
  }

  @Test
  void refusesBytesAfterTheData() {
    byte[] whole = idx(0x0801, new int[] {2}, 1, 2);

    IdxFormatException e = refused(Arrays.copyOf(whole, whole.length + 1));

    assertThat(e).hasMessageThat().contains("unexpected bytes after the data");
    assertThat(e.offset()).isEqualTo(10);
  }

  @Test
  void namesTheDecompressedOffsetOfATruncatedGzipFile() throws IOException {
    byte[] compressed = gzip(idx(0x0801, new int[] {1000}, new int[1000]));

    IdxFormatException e = refused(Arrays.copyOf(compressed, compressed.length - 12));

    assertThat(e).hasMessageThat().startsWith("mnist.idx (decompressed): ");
  }

  @Test
  void imagesAndLabelsNeedTheirRank() throws IOException {
    IdxFile labels = IdxFile.read(stream(idx(0x0801, new int[] {2}, 1, 2)), "labels.idx");

    IllegalStateException e = assertThrows(IllegalStateException.class, labels::toImages);

    assertThat(e).hasMessageThat()
        .isEqualTo("labels.idx: expected images [n, rows, cols] (3 dimensions), but the file has"
            + " dimensions [2]");
  }

  private static IdxFormatException refused(byte[] file) {
    return assertThrows(IdxFormatException.class, () -> IdxFile.read(stream(file), "mnist.idx"));
  }

  /** An IDX file: magic number {@code 0x0000TTDD}, the sizes big-endian, then the elements. */
  static byte[] idx(int typeAndRank, int[] dims, int... elements) {
    ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length + elements.length);
    buffer.putInt(typeAndRank);
    for (int size : dims) {
      buffer.putInt(size);
    }
    for (int element : elements) {
      buffer.put((byte) element);
    }
    return buffer.array();
  }

  static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(bytes);
    }
    return out.toByteArray();
  }

  private static ByteArrayInputStream stream(byte[] bytes) {
    return new ByteArrayInputStream(bytes);
  }
}
