package dev.lamina.io.safetensors;

import dev.lamina.Tensor;
import dev.lamina.annotations.DType;
import dev.lamina.io.json.StrictJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads a safetensors file (the format is described on {@link SafetensorsHeader}): the header is
 * read and validated when the reader opens, and tensor data is read on request, in chunks at
 * 64-bit positions, so files and tensors larger than 2 GB work without holding the file in memory.
 * {@link #readInto} reads a tensor straight into an existing one's storage, which is how weights are
 * loaded into a model: one copy from the file's pages, no array allocated.
 *
 * <pre>{@code
 * try (SafetensorsReader file = SafetensorsReader.open(path)) {
 *   Tensor weight = file.readFloat32("0.weight").tensor();
 *   Tensor batches = file.read("bn.num_batches_tracked").tensor();   // int64, shape []
 * }
 * }</pre>
 *
 * <p>Every problem, malformed content or failed I/O alike, is a {@link SafetensorsException}. A
 * reader is for one thread at a time.
 */
public final class SafetensorsReader implements AutoCloseable {
  private final SeekableByteChannel channel;
  private final String source;
  private final SafetensorsHeader header;
  private final long dataStart;

  private SafetensorsReader(SeekableByteChannel channel, String source) throws SafetensorsException {
    this.channel = channel;
    this.source = source;
    long fileLength;
    try {
      fileLength = channel.size();
    } catch (IOException e) {
      throw new SafetensorsException(source + ": cannot read the file size: " + e.getMessage(), e);
    }
    if (fileLength < 8) {
      throw new SafetensorsException(
          source + ": the file is " + fileLength + " bytes, too short for the 8-byte header length");
    }
    ByteBuffer lengthBytes = readFully(0, 8, "the header length");
    long headerLength = lengthBytes.order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    if (headerLength < 0 || headerLength > SafetensorsHeader.MAX_HEADER_LENGTH) {
      throw new SafetensorsException(
          source + ": header length " + Long.toUnsignedString(headerLength) + " (byte 0) exceeds the"
              + " limit of " + SafetensorsHeader.MAX_HEADER_LENGTH + " bytes");
    }
    if (headerLength > fileLength - 8) {
      throw new SafetensorsException(
          source + ": header length " + headerLength + " (byte 0) runs past the end of the file,"
              + " which has " + (fileLength - 8) + " bytes after the length");
    }
    byte[] json = new byte[(int) headerLength];
    readFully(8, (int) headerLength, "the header").get(json);
    try {
      this.header = SafetensorsHeader.parse(json, fileLength - 8 - headerLength);
    } catch (SafetensorsException e) {
      throw new SafetensorsException(source + ": " + e.getMessage(), e);
    }
    this.dataStart = 8 + headerLength;
  }

  /** Opens and validates the file at {@code path}; the caller closes the reader. */
  public static SafetensorsReader open(Path path) throws SafetensorsException {
    FileChannel channel;
    try {
      channel = FileChannel.open(path, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new SafetensorsException(path + ": cannot open: " + e, e);
    }
    try {
      return new SafetensorsReader(channel, path.toString());
    } catch (SafetensorsException | RuntimeException | Error e) {
      closeQuietly(channel, e);
      throw e;
    }
  }

  /** Reads a safetensors file held in memory; {@code source} names it in messages. */
  public static SafetensorsReader fromBytes(byte[] bytes, String source) throws SafetensorsException {
    return new SafetensorsReader(new ByteArrayChannel(bytes), source);
  }

  /** The validated header. */
  public SafetensorsHeader header() {
    return header;
  }

  /** The tensors, by name, in header order. */
  public Map<String, TensorInfo> tensors() {
    return header.tensors();
  }

  /** The {@code __metadata__} entries. */
  public Map<String, String> metadata() {
    return header.metadata();
  }

  /** The file offset where the data buffer starts: 8 plus the header length. */
  public long dataStart() {
    return dataStart;
  }

  /** A tensor converted to float32, and how many of its values the conversion changed. */
  public static final class Float32 {
    private final Tensor tensor;
    private final long changedValues;

    Float32(Tensor tensor, long changedValues) {
      this.tensor = tensor;
      this.changedValues = changedValues;
    }

    /** The values as a float32 tensor of the file's shape. */
    public Tensor tensor() {
      return tensor;
    }

    /** How many values differ from the file's (0 for F32, F16, BF16 and U8). */
    public long changedValues() {
      return changedValues;
    }
  }

  /**
   * A tensor read in the Lamina type of its file type's kind ({@link Dtype#tensorType()}), and how
   * many of its values the reading changed: F64 values that no float32 holds, BOOL bytes other than
   * 0 and 1 (read as true). F32, F16, BF16, I64, I32 and U8 change none.
   */
  public record Read(Tensor tensor, long changedValues) {}

  /**
   * Reads tensor {@code name} and converts it to float32, whatever its type: I64 and I32 values
   * round to the nearest float, BOOL becomes 1 and 0.
   *
   * @throws SafetensorsException if there is no such tensor, if its shape does not fit a Lamina
   *     tensor (int dimensions, fewer than 2^31 elements), or if reading fails
   */
  public Float32 readFloat32(String name) throws SafetensorsException {
    TensorInfo info = info(name);
    int[] shape = intShape(info);
    float[] values = new float[(int) info.numel()];
    long changed = readFloats(info, values, 0);
    return new Float32(asTensor(info, shape, () -> Tensor.adopt(values, shape)), changed);
  }

  /**
   * Reads tensor {@code name} into {@code target}'s storage, converted to {@code target}'s type as
   * {@link #readFloat32} and {@link #read} convert: a float32 target takes any type, an int64 target
   * an integer type, a bool target BOOL. A contiguous float32 target is filled straight from the
   * file, with no array in between; others through a tensor read as {@link #read} reads it. The
   * values are written outside any graph, as {@link Tensor#copyFrom} writes them.
   *
   * <pre>{@code
   * long changed = file.readInto("0.weight", model.namedParameters().get("0.weight"));
   * }</pre>
   *
   * <p>If reading fails part way (the file shrank after it was opened, or the disk failed), the
   * target holds some new values and some old ones.
   *
   * @return how many values the conversion changed, as {@link Float32#changedValues()} and
   *     {@link Read#changedValues()} count them
   * @throws IllegalArgumentException if {@code target}'s shape is not the tensor's, or its type
   *     does not take the tensor's type
   * @throws SafetensorsException if there is no such tensor or reading fails
   */
  public long readInto(String name, Tensor target) throws SafetensorsException {
    TensorInfo info = info(name);
    long[] shape = info.shape();
    if (!Arrays.equals(shape, Arrays.stream(target.shape()).asLongStream().toArray())) {
      throw new IllegalArgumentException(
          source + ": tensor " + StrictJson.quoteForMessage(name) + " has shape "
              + Arrays.toString(shape) + ", the target " + Arrays.toString(target.shape()));
    }
    if (target.dtype() == DType.FLOAT32) {
      if (target.isContiguous()) {
        return readFloats(info, target.storage(), target.storageOffset());
      }
      Float32 values = readFloat32(name);
      target.copyFrom(values.tensor());
      return values.changedValues();
    }
    if (info.dtype().tensorType() != target.dtype()) {
      throw new IllegalArgumentException(
          source + ": tensor " + StrictJson.quoteForMessage(name) + " is " + info.dtype()
              + ", which does not convert to the target's " + target.dtype());
    }
    Read values = read(name);
    target.copyFrom(values.tensor());
    return values.changedValues();
  }

  /** Decodes {@code info}'s values, converted to float32, into {@code target[offset...]}. */
  private long readFloats(TensorInfo info, float[] target, int offset) throws SafetensorsException {
    Dtype dtype = info.dtype();
    return readChunks(info, (chunk, done, n) -> dtype.toFloat32(chunk, target, offset + done, n));
  }

  /**
   * Reads tensor {@code name} without leaving its kind: I64 (and the exactly widened I32 and U8) as
   * an int64 tensor, BOOL as a bool tensor, floating types as float32 (as {@link #readFloat32}).
   * A PyTorch {@code num_batches_tracked} reads as a rank-0 int64 tensor.
   *
   * @throws SafetensorsException as {@link #readFloat32} does
   */
  public Read read(String name) throws SafetensorsException {
    TensorInfo info = info(name);
    Dtype dtype = info.dtype();
    switch (dtype.tensorType()) {
      case INT64 -> {
        int[] shape = intShape(info);
        long[] values = new long[(int) info.numel()];
        readChunks(info, (chunk, done, n) -> {
          dtype.toInt64(chunk, values, done, n);
          return 0;
        });
        return new Read(asTensor(info, shape, () -> Tensor.ofLongs(values, shape)), 0);
      }
      case BOOL -> {
        int[] shape = intShape(info);
        boolean[] values = new boolean[(int) info.numel()];
        long changed = readChunks(info, (chunk, done, n) -> dtype.toBool(chunk, values, done, n));
        return new Read(asTensor(info, shape, () -> Tensor.ofBooleans(values, shape)), changed);
      }
      default -> {
        Float32 values = readFloat32(name);
        return new Read(values.tensor(), values.changedValues());
      }
    }
  }

  /** Decodes {@code n} elements of a little-endian chunk into place {@code done} of the values. */
  private interface ChunkDecoder {
    long decode(ByteBuffer chunk, int done, int n);
  }

  /**
   * Reads the data of {@code info} through this thread's {@link TransferBuffer}, a chunk at a
   * time, and hands each chunk to {@code decoder}; returns the sum of what it returned (the changed
   * values).
   */
  private long readChunks(TensorInfo info, ChunkDecoder decoder) throws SafetensorsException {
    int count = (int) info.numel();
    int size = info.dtype().size();
    int perChunk = TransferBuffer.BYTES / size;
    String what = "tensor " + StrictJson.quoteForMessage(info.name());
    long changed = 0;
    long position = dataStart + info.begin();
    ByteBuffer chunk = TransferBuffer.take();
    try {
      for (int done = 0; done < count; done += perChunk) {
        int n = Math.min(perChunk, count - done);
        chunk.clear().limit(n * size);
        readFully(chunk, position, what);
        chunk.flip();
        changed += decoder.decode(chunk, done, n);
        position += (long) n * size;
      }
    } finally {
      TransferBuffer.give(chunk);
    }
    return changed;
  }

  private Tensor asTensor(TensorInfo info, int[] shape, java.util.function.Supplier<Tensor> make)
      throws SafetensorsException {
    try {
      return make.get();
    } catch (IllegalArgumentException e) {
      throw new SafetensorsException(source + ": tensor " + StrictJson.quoteForMessage(info.name())
          + " of shape " + Arrays.toString(shape) + " cannot be a Lamina tensor: "
          + e.getMessage(), e);
    }
  }

  /** The raw little-endian bytes of tensor {@code name} (at most 2^31 - 1 of them). */
  public ByteBuffer readBytes(String name) throws SafetensorsException {
    TensorInfo info = info(name);
    if (info.byteLength() > Integer.MAX_VALUE - 8) {
      throw new SafetensorsException(
          source + ": tensor " + StrictJson.quoteForMessage(name) + " has " + info.byteLength()
              + " bytes, too many for one buffer; read it with readFloat32");
    }
    return readFully(dataStart + info.begin(), (int) info.byteLength(),
        "tensor " + StrictJson.quoteForMessage(name)).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** The header entry of tensor {@code name}. */
  public TensorInfo info(String name) throws SafetensorsException {
    TensorInfo info = header.tensors().get(name);
    if (info == null) {
      throw new SafetensorsException(
          source + ": no tensor named " + StrictJson.quoteForMessage(name));
    }
    return info;
  }

  /** The shape as ints, for a Lamina tensor; refused when a dimension or the count is too large. */
  public int[] intShape(TensorInfo info) throws SafetensorsException {
    long[] shape = info.shape();
    int[] out = new int[shape.length];
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] > Integer.MAX_VALUE) {
        throw new SafetensorsException(
            source + ": tensor " + StrictJson.quoteForMessage(info.name()) + " has dimension "
                + shape[i] + ", larger than a Lamina tensor holds (" + Integer.MAX_VALUE + ")");
      }
      out[i] = (int) shape[i];
    }
    if (info.numel() > Integer.MAX_VALUE - 8) {
      throw new SafetensorsException(
          source + ": tensor " + StrictJson.quoteForMessage(info.name()) + " has " + info.numel()
              + " elements, more than a Lamina tensor holds");
    }
    return out;
  }

  private ByteBuffer readFully(long position, int length, String what) throws SafetensorsException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    readFully(buffer, position, what);
    return buffer.flip();
  }

  /** Fills {@code buffer}'s remaining bytes from the file, starting at byte {@code position}. */
  private void readFully(ByteBuffer buffer, long position, String what) throws SafetensorsException {
    int start = buffer.position();
    try {
      while (buffer.hasRemaining()) {
        long at = position + buffer.position() - start;
        int n;
        if (channel instanceof FileChannel file) {
          n = file.read(buffer, at);
        } else {
          channel.position(at);
          n = channel.read(buffer);
        }
        if (n < 0) {
          throw new SafetensorsException(
              source + ": the file ends at byte " + at + " while reading " + what
                  + " (it changed after it was opened?)");
        }
      }
    } catch (SafetensorsException e) {
      throw e;
    } catch (IOException e) {
      throw new SafetensorsException(
          source + ": cannot read " + what + " at byte " + position + ": " + e, e);
    }
  }

  @Override
  public void close() throws SafetensorsException {
    try {
      channel.close();
    } catch (IOException e) {
      throw new SafetensorsException(source + ": cannot close: " + e, e);
    }
  }

  private static void closeQuietly(FileChannel channel, Throwable primary) {
    try {
      channel.close();
    } catch (IOException e) {
      primary.addSuppressed(e);
    }
  }
}
