package dev.lamina.data;

import dev.lamina.Tensor;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * An IDX file of unsigned bytes, the format of the MNIST data sets, read whole and checked.
 *
 * <p>Layout, all integers big-endian: two zero bytes; a type byte ({@code 0x08}, unsigned byte, is
 * the only type read); a byte with the number of dimensions {@code d}; {@code d} four-byte sizes;
 * then the elements, row-major. So images start with the magic number {@code 0x00000803} and sizes
 * {@code [n, rows, cols]}, labels with {@code 0x00000801} and {@code [n]}. A gzip-compressed file
 * ({@code .gz}, found by its first two bytes rather than its name) is decompressed on the fly.
 *
 * <pre>{@code
 * Tensor images = IdxFile.read(Path.of("train-images-idx3-ubyte.gz")).toImages(); // [60000, 28, 28]
 * int[] labels = IdxFile.read(Path.of("train-labels-idx1-ubyte.gz")).toLabels();  // [60000]
 * }</pre>
 *
 * <p>Every malformed input is an {@link IdxFormatException} naming the file and the byte offset: a
 * wrong magic number, an unsupported type, no dimensions, sizes whose product does not fit in an
 * array, data that ends early, or bytes after the data.
 */
public final class IdxFile {
  /** The type byte of unsigned 8-bit elements. */
  static final int UNSIGNED_BYTE = 0x08;

  private static final int HEADER_BYTES = 4;
  private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

  private final String source;
  private final int[] dims;
  private final byte[] elements;

  private IdxFile(String source, int[] dims, byte[] elements) {
    this.source = source;
    this.dims = dims;
    this.elements = elements;
  }

  /** Reads the IDX file at {@code file}, plain or gzip-compressed. */
  public static IdxFile read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    }
  }

  /**
   * Reads an IDX file from {@code in}, plain or gzip-compressed, to its end; {@code source} names it
   * in error messages. Does not close {@code in}.
   */
  public static IdxFile read(InputStream in, String source) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in);
    boolean compressed = startsWithGzipMagic(buffered);
    String name = compressed ? source + " (decompressed)" : source;
    ByteCounter bytes = new ByteCounter(compressed ? new GZIPInputStream(buffered) : buffered, name);

    byte[] magic = bytes.readFully(HEADER_BYTES, "the 4-byte magic number");
    int magicNumber = (int) bigEndian(magic);
    if (magic[0] != 0 || magic[1] != 0) {
      throw new IdxFormatException(name, 0, String.format(
          "bad magic number 0x%08X: an IDX file starts with two zero bytes, a type and a number"
              + " of dimensions (0x00000803 for images, 0x00000801 for labels)", magicNumber));
    }
    int type = magic[2] & 0xFF;
    if (type != UNSIGNED_BYTE) {
      throw new IdxFormatException(name, 2, String.format(
          "element type 0x%02X is not supported; only 0x08 (unsigned byte) is, as in MNIST", type));
    }
    int rank = magic[3] & 0xFF;
    if (rank == 0) {
      throw new IdxFormatException(name, 3, "the file declares 0 dimensions; expected 1 or more");
    }

    int[] dims = new int[rank];
    long count = 1;
    for (int d = 0; d < rank; d++) {
      long offset = bytes.position();
      long size = bigEndian(bytes.readFully(4, "the size of dimension " + d));
      count *= size;
      if (size > MAX_ELEMENTS || count > MAX_ELEMENTS) {
        throw new IdxFormatException(name, offset, "dimension " + d + " has size " + size
            + ", so the file would hold more than " + MAX_ELEMENTS + " elements");
      }
      dims[d] = (int) size;
    }
    byte[] elements = bytes.readFully((int) count,
        count + " elements for dimensions " + Arrays.toString(dims));
    bytes.expectEnd();
    return new IdxFile(source, dims, elements);
  }

  /** The name of the file this was read from. */
  public String source() {
    return source;
  }

  /** The sizes of the dimensions (a copy): {@code [n, rows, cols]} for images, {@code [n]} for labels. */
  public int[] dims() {
    return dims.clone();
  }

  /** The elements in row-major order, as stored: unsigned bytes (mask with {@code 0xFF}). A copy. */
  public byte[] rawBytes() {
    return elements.clone();
  }

  /**
   * The elements of a 3-dimensional file as a float tensor {@code [n, rows, cols]}, each byte
   * {@code v} scaled to {@code v / 255} in [0, 1].
   *
   * @throws IllegalStateException when the file does not have 3 dimensions
   */
  public Tensor toImages() {
    requireRank(3, "images [n, rows, cols]");
    float[] pixels = new float[elements.length];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (elements[i] & 0xFF) / 255f;
    }
    return Tensor.wrap(pixels, dims.clone());
  }

  /**
   * The elements of a 1-dimensional file as integers 0-255.
   *
   * @throws IllegalStateException when the file does not have 1 dimension
   */
  public int[] toLabels() {
    requireRank(1, "labels [n]");
    int[] labels = new int[elements.length];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = elements[i] & 0xFF;
    }
    return labels;
  }

  private void requireRank(int rank, String what) {
    if (dims.length != rank) {
      throw new IllegalStateException(source + ": expected " + what + " (" + rank
          + " dimension" + (rank == 1 ? "" : "s") + "), but the file has dimensions "
          + Arrays.toString(dims));
    }
  }

  private static boolean startsWithGzipMagic(BufferedInputStream in) throws IOException {
    in.mark(2);
    int first = in.read();
    int second = in.read();
    in.reset();
    return first == 0x1f && second == 0x8b;
  }

  private static long bigEndian(byte[] bytes) {
    long value = 0;
    for (byte b : bytes) {
      value = (value << 8) | (b & 0xFF);
    }
    return value;
  }

  /** Reads exact byte counts and knows how far it got, for error messages. */
  private static final class ByteCounter {
    private final InputStream in;
    private final String name;
    private long position;

    ByteCounter(InputStream in, String name) {
      this.in = in;
      this.name = name;
    }

    long position() {
      return position;
    }

    /**
     * Exactly {@code length} bytes, described as {@code what} if they are missing. Memory grows
     * with the bytes actually present, so a header that claims gigabytes cannot exhaust it.
     */
    byte[] readFully(int length, String what) throws IOException {
      byte[] bytes;
      try {
        bytes = in.readNBytes(length);
      } catch (IOException e) {
        throw new IdxFormatException(name, position, "could not read " + what + ": " + e.getMessage(), e);
      }
      if (bytes.length < length) {
        throw new IdxFormatException(name, position + bytes.length, "truncated: expected " + what
            + " (" + length + " bytes from byte offset " + position + "), but the file ends after "
            + bytes.length);
      }
      position += length;
      return bytes;
    }

    void expectEnd() throws IOException {
      int next;
      try {
        next = in.read();
      } catch (IOException e) {
        throw new IdxFormatException(name, position, "could not read past the data: " + e.getMessage(), e);
      }
      if (next >= 0) {
        throw new IdxFormatException(name, position,
            "unexpected bytes after the data that the dimensions describe");
      }
    }
  }
}
