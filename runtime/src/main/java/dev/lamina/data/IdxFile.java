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
 * <p>Sizes of 0 are allowed (an empty set of images is {@code [0, 28, 28]}), and so is a file of 0
 * dimensions, which holds one element, as numpy's 0-d arrays do.
 *
 * <p>Every malformed input is an {@link IdxFormatException} naming the file and the byte offset: a
 * wrong magic number, an unsupported type, sizes whose product exceeds the limit on elements, data
 * that ends early, bytes after the data, or a gzip stream that cannot be decompressed. The limit
 * ({@link #DEFAULT_MAX_ELEMENTS} unless given) is checked against the header before any data is read,
 * and no more than the declared elements and one byte are ever decompressed, so a small compressed
 * file that would expand to gigabytes is refused without taking the memory.
 */
public final class IdxFile {
  /** The type byte of unsigned 8-bit elements. */
  static final int UNSIGNED_BYTE = 0x08;

  /**
   * The most elements {@link #read(Path)} accepts: 1 GiB, above the largest MNIST-style set
   * (EMNIST ByClass, 0.64 GiB), and 4 GiB once scaled to floats by {@link #toImages()}.
   */
  public static final long DEFAULT_MAX_ELEMENTS = 1L << 30;

  private static final int HEADER_BYTES = 4;

  /** The most elements a Java array holds. */
  private static final long MAX_ARRAY_ELEMENTS = Integer.MAX_VALUE - 8;

  private final String source;
  private final int[] dims;
  private final byte[] elements;

  private IdxFile(String source, int[] dims, byte[] elements) {
    this.source = source;
    this.dims = dims;
    this.elements = elements;
  }

  /** Reads the IDX file at {@code file}, plain or gzip-compressed, of at most 1 GiB elements. */
  public static IdxFile read(Path file) throws IOException {
    return read(file, DEFAULT_MAX_ELEMENTS);
  }

  /** Reads the IDX file at {@code file}, plain or gzip-compressed, of at most {@code maxElements}. */
  public static IdxFile read(Path file, long maxElements) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString(), maxElements);
    }
  }

  /**
   * Reads an IDX file of at most 1 GiB elements from {@code in}, plain or gzip-compressed, to its
   * end; {@code source} names it in error messages. Does not close {@code in}.
   */
  public static IdxFile read(InputStream in, String source) throws IOException {
    return read(in, source, DEFAULT_MAX_ELEMENTS);
  }

  /**
   * Reads an IDX file of at most {@code maxElements} from {@code in}, plain or gzip-compressed, to
   * its end; {@code source} names it in error messages. Does not close {@code in}.
   *
   * @throws IllegalArgumentException when {@code maxElements} is negative or more than an array holds
   */
  public static IdxFile read(InputStream in, String source, long maxElements) throws IOException {
    if (maxElements < 0 || maxElements > MAX_ARRAY_ELEMENTS) {
      throw new IllegalArgumentException("IdxFile.read: maxElements is " + maxElements
          + "; expected 0 to " + MAX_ARRAY_ELEMENTS);
    }
    BufferedInputStream buffered = new BufferedInputStream(in);
    boolean compressed = startsWithGzipMagic(buffered);
    String name = compressed ? source + " (decompressed)" : source;
    ByteCounter bytes = new ByteCounter(compressed ? gunzip(buffered, source) : buffered, name);

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

    int[] dims = new int[rank];
    long count = 1;
    for (int d = 0; d < rank; d++) {
      long offset = bytes.position();
      long size = bigEndian(bytes.readFully(4, "the size of dimension " + d));
      if (size > MAX_ARRAY_ELEMENTS) {
        throw new IdxFormatException(name, offset, "dimension " + d + " has size " + size
            + ", more than the " + MAX_ARRAY_ELEMENTS + " elements a Java array holds");
      }
      dims[d] = (int) size;
      count = Math.min(count * size, MAX_ARRAY_ELEMENTS + 1); // both factors fit in 31 bits
      if (count > maxElements) {
        throw new IdxFormatException(name, offset, "dimension " + d + " has size " + size
            + ", so the file would hold more than " + maxElements + " elements, the limit"
            + (maxElements == DEFAULT_MAX_ELEMENTS
                ? " (pass a larger maxElements to IdxFile.read)" : ""));
      }
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
    return Tensor.adopt(pixels, dims.clone());
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

  /** A decompressing stream over {@code in}, whose gzip header must be readable. */
  private static InputStream gunzip(InputStream in, String source) throws IdxFormatException {
    try {
      return new GZIPInputStream(in);
    } catch (IOException e) {
      throw new IdxFormatException(source, 0,
          "starts like a gzip file but is not one: " + e.getMessage(), e);
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
