package dev.lamina.io.safetensors;

import dev.lamina.Tensor;
import dev.lamina.io.json.StrictJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a safetensors file (the format is described on {@link SafetensorsHeader}) that PyTorch's
 * and Hugging Face's readers accept: {@code {"format": "pt"}} in the metadata, tensors laid out in
 * the order they were added with no gaps, the header padded with spaces so the data starts at a
 * multiple of 8.
 *
 * <pre>{@code
 * new SafetensorsWriter()
 *     .putMetadata("note", "hello")
 *     .add("0.weight", weight)
 *     .write(channel);
 * }</pre>
 */
public final class SafetensorsWriter {
  private final Map<String, String> metadata = new LinkedHashMap<>();
  private final List<Entry> entries = new ArrayList<>();
  private final Set<String> names = new HashSet<>();

  /** A writer with {@code format: pt} metadata and no tensors. */
  public SafetensorsWriter() {
    metadata.put("format", "pt");
  }

  /**
   * Adds a metadata entry ({@code format} is always {@code pt}).
   *
   * @throws IllegalArgumentException if the key or the value holds an unpaired surrogate: it has
   *     no UTF-8 form, so no reader could read the file
   */
  public SafetensorsWriter putMetadata(String key, String value) {
    if (key.equals("format")) {
      throw new IllegalArgumentException("metadata \"format\" is always \"pt\"");
    }
    checkEncodable("metadata key", key);
    checkEncodable("metadata " + StrictJson.quoteForMessage(key), value);
    metadata.put(key, value);
    return this;
  }

  private static void checkEncodable(String what, String text) {
    int at = StrictJson.loneSurrogate(text);
    if (at >= 0) {
      throw new IllegalArgumentException(what + " " + StrictJson.quoteForMessage(text)
          + " holds an unpaired surrogate at index " + at + ", which has no UTF-8 form");
    }
  }

  /**
   * Adds {@code tensor}'s values under {@code name}, in the file type of its dtype: float32 as
   * F32, int64 as I64, bool as BOOL (bytes 0 and 1), as PyTorch's {@code save_file} writes them.
   */
  public SafetensorsWriter add(String name, Tensor tensor) {
    checkName(name);
    int[] shape = tensor.shape();
    entries.add(new Entry(name, Dtype.forTensorType(tensor.dtype()),
        Arrays.stream(shape).asLongStream().toArray(), tensor, null));
    return this;
  }

  /**
   * Adds raw little-endian, row-major data of any supported type; {@code data}'s remaining bytes
   * must be exactly the shape's element count times the type's size.
   */
  public SafetensorsWriter addRaw(String name, Dtype dtype, long[] shape, ByteBuffer data) {
    checkName(name);
    long bytes = dtype.size();
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException(name + ": negative dimension in " + Arrays.toString(shape));
      }
      bytes = Math.multiplyExact(bytes, d);
    }
    if (bytes != data.remaining()) {
      throw new IllegalArgumentException(
          name + ": shape " + Arrays.toString(shape) + " of " + dtype + " needs " + bytes
              + " bytes, got " + data.remaining());
    }
    entries.add(new Entry(name, dtype, shape.clone(), null, data.duplicate()));
    return this;
  }

  private void checkName(String name) {
    checkEncodable("tensor name", name);
    if (name.equals(SafetensorsHeader.METADATA_KEY)) {
      throw new IllegalArgumentException("a tensor cannot be named " + SafetensorsHeader.METADATA_KEY);
    }
    if (!names.add(name)) {
      throw new IllegalArgumentException("tensor \"" + name + "\" is added twice");
    }
  }

  /** The header bytes, padded with spaces to a multiple of 8. */
  byte[] header() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put(SafetensorsHeader.METADATA_KEY, metadata);
    long offset = 0;
    for (Entry e : entries) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("dtype", e.dtype.name());
      List<Long> shape = new ArrayList<>();
      for (long d : e.shape) {
        shape.add(d);
      }
      fields.put("shape", shape);
      long end = offset + e.byteLength();
      fields.put("data_offsets", List.of(offset, end));
      root.put(e.name, fields);
      offset = end;
    }
    byte[] json = StrictJson.write(root).getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) / 8 * 8;
    byte[] out = Arrays.copyOf(json, padded);
    Arrays.fill(out, json.length, padded, (byte) ' ');
    return out;
  }

  /**
   * Writes the file to {@code out}, tensor data through this thread's {@link TransferBuffer} a
   * chunk at a time; returns the number of bytes written.
   */
  public long write(WritableByteChannel out) throws IOException {
    byte[] header = header();
    ByteBuffer buffer = TransferBuffer.take();
    try {
      buffer.putLong(header.length);
      buffer.flip();
      writeFully(out, buffer);
      writeFully(out, ByteBuffer.wrap(header));
      long total = 8L + header.length;
      for (Entry e : entries) {
        if (e.tensor != null) {
          switch (e.tensor.dtype()) {
            case FLOAT32 -> writeFloats(out, e.tensor, buffer);
            case INT64 -> writeLongs(out, e.tensor.toLongArray(), buffer);
            case BOOL -> writeBooleans(out, e.tensor.toBooleanArray(), buffer);
          }
        } else {
          writeFully(out, e.raw.duplicate());
        }
        total += e.byteLength();
      }
      return total;
    } finally {
      TransferBuffer.give(buffer);
    }
  }

  /** The file as bytes. */
  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      write(Channels.newChannel(bytes));
    } catch (IOException e) {
      throw new AssertionError("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  private static void writeFloats(WritableByteChannel out, Tensor tensor, ByteBuffer buffer)
      throws IOException {
    float[] values;
    int offset;
    if (tensor.isContiguous()) {
      values = tensor.storage();
      offset = tensor.storageOffset();
    } else {
      values = tensor.toFloatArray();
      offset = 0;
    }
    int count = tensor.numel();
    int perChunk = buffer.capacity() / 4;
    for (int done = 0; done < count; done += perChunk) {
      int n = Math.min(perChunk, count - done);
      buffer.clear();
      buffer.asFloatBuffer().put(values, offset + done, n);
      buffer.limit(n * 4);
      writeFully(out, buffer);
    }
  }

  private static void writeLongs(WritableByteChannel out, long[] values, ByteBuffer buffer)
      throws IOException {
    int perChunk = buffer.capacity() / 8;
    for (int done = 0; done < values.length; done += perChunk) {
      int n = Math.min(perChunk, values.length - done);
      buffer.clear();
      buffer.asLongBuffer().put(values, done, n);
      buffer.limit(n * 8);
      writeFully(out, buffer);
    }
  }

  private static void writeBooleans(WritableByteChannel out, boolean[] values, ByteBuffer buffer)
      throws IOException {
    int perChunk = buffer.capacity();
    for (int done = 0; done < values.length; done += perChunk) {
      int n = Math.min(perChunk, values.length - done);
      buffer.clear();
      for (int i = 0; i < n; i++) {
        buffer.put(values[done + i] ? (byte) 1 : (byte) 0);
      }
      buffer.flip();
      writeFully(out, buffer);
    }
  }

  private static void writeFully(WritableByteChannel out, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      out.write(buffer);
    }
  }

  private static final class Entry {
    final String name;
    final Dtype dtype;
    final long[] shape;
    final Tensor tensor;
    final ByteBuffer raw;

    Entry(String name, Dtype dtype, long[] shape, Tensor tensor, ByteBuffer raw) {
      this.name = name;
      this.dtype = dtype;
      this.shape = shape;
      this.tensor = tensor;
      this.raw = raw;
    }

    long byteLength() {
      return tensor != null ? (long) dtype.size() * tensor.numel() : raw.remaining();
    }
  }
}
