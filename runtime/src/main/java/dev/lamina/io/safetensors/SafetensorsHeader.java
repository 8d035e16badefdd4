package dev.lamina.io.safetensors;

import dev.lamina.io.json.JsonException;
import dev.lamina.io.json.JsonObject;
import dev.lamina.io.json.StrictJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated JSON header of a safetensors file.
 *
 * <p>The format: 8 bytes, the header's length N as a little-endian unsigned 64-bit integer; N bytes
 * of UTF-8 JSON, an object that maps each tensor's name to {@code {"dtype": "F32", "shape": [3, 4],
 * "data_offsets": [begin, end]}} and optionally {@code "__metadata__"} to an object of strings,
 * possibly followed by spaces; then the data buffer, where each tensor's little-endian, row-major
 * bytes lie at {@code [begin, end)}.
 *
 * <p>Every header is treated as hostile. It is refused unless it is valid JSON with no duplicate
 * keys, every tensor has exactly those three fields with a supported dtype, non-negative integer
 * dimensions whose product times the element size equals {@code end - begin} without overflow, and
 * the tensors tile the data buffer exactly: no holes, no overlaps, nothing after the last one.
 */
public final class SafetensorsHeader {
  /** The largest header accepted, checked before anything is allocated for it. */
  public static final long MAX_HEADER_LENGTH = 100_000_000L;

  /** The key of the metadata object. */
  public static final String METADATA_KEY = "__metadata__";

  private static final int MAX_JSON_DEPTH = 8;
  private static final int HEADER_START = 8;

  private static final StrictJson JSON = new StrictJson(MAX_JSON_DEPTH, MAX_HEADER_LENGTH);

  private final Map<String, TensorInfo> tensors;
  private final Map<String, String> metadata;

  private SafetensorsHeader(Map<String, TensorInfo> tensors, Map<String, String> metadata) {
    this.tensors = Collections.unmodifiableMap(tensors);
    this.metadata = Collections.unmodifiableMap(metadata);
  }

  /** The tensors, in header order. */
  public Map<String, TensorInfo> tensors() {
    return tensors;
  }

  /** The {@code __metadata__} entries (empty when absent). */
  public Map<String, String> metadata() {
    return metadata;
  }

  /**
   * Parses and validates a header.
   *
   * @param json the N header bytes
   * @param dataLength the number of bytes in the file after the header
   */
  public static SafetensorsHeader parse(byte[] json, long dataLength) throws SafetensorsException {
    if (json.length == 0 || json[0] != '{') {
      throw new SafetensorsException(
          "the header must be a JSON object starting with '{' at byte " + HEADER_START);
    }
    Object root;
    try {
      root = JSON.parse(json, 0, json.length, HEADER_START);
    } catch (JsonException e) {
      throw new SafetensorsException("invalid JSON header: " + e.getMessage(), e);
    }
    JsonObject entries = (JsonObject) root;
    Map<String, TensorInfo> tensors = new LinkedHashMap<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : entries.entrySet()) {
      String key = e.getKey();
      long at = entries.offsetOf(key);
      if (key.equals(METADATA_KEY)) {
        metadata = metadata(e.getValue(), at);
      } else {
        tensors.put(key, tensor(key, e.getValue(), at));
      }
    }
    checkTiling(tensors.values(), dataLength);
    return new SafetensorsHeader(tensors, metadata);
  }

  private static Map<String, String> metadata(Object value, long at) throws SafetensorsException {
    if (!(value instanceof JsonObject object)) {
      throw new SafetensorsException(
          "\"__metadata__\" (byte " + at + ") must be an object of strings, found "
              + describe(value));
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : object.entrySet()) {
      if (!(e.getValue() instanceof String text)) {
        throw new SafetensorsException(
            "\"__metadata__\" entry " + StrictJson.quoteForMessage(e.getKey()) + " (byte "
                + object.offsetOf(e.getKey()) + ") must be a string, found "
                + describe(e.getValue()));
      }
      out.put(e.getKey(), text);
    }
    return out;
  }

  private static TensorInfo tensor(String name, Object value, long at) throws SafetensorsException {
    String where = "tensor " + StrictJson.quoteForMessage(name) + " (byte " + at + ")";
    if (!(value instanceof JsonObject fields)) {
      throw new SafetensorsException(where + " must be an object, found " + describe(value));
    }
    for (String field : fields.keySet()) {
      if (!field.equals("dtype") && !field.equals("shape") && !field.equals("data_offsets")) {
        throw new SafetensorsException(
            where + " has unknown field " + StrictJson.quoteForMessage(field)
                + "; expected dtype, shape and data_offsets");
      }
    }
    Object dtypeName = required(fields, "dtype", where);
    if (!(dtypeName instanceof String dtypeText)) {
      throw new SafetensorsException(where + ": dtype must be a string, found " + describe(dtypeName));
    }
    Dtype dtype = Dtype.forName(dtypeText);
    if (dtype == null) {
      throw new SafetensorsException(
          where + ": dtype " + StrictJson.quoteForMessage(dtypeText)
              + " is not supported; supported are " + Dtype.supportedNames());
    }
    long[] shape = naturals(required(fields, "shape", where), where + ": shape");
    long[] offsets = naturals(required(fields, "data_offsets", where), where + ": data_offsets");
    if (offsets.length != 2) {
      throw new SafetensorsException(
          where + ": data_offsets must be [begin, end], found " + offsets.length + " numbers");
    }
    long begin = offsets[0];
    long end = offsets[1];
    if (end < begin) {
      throw new SafetensorsException(
          where + ": data_offsets [" + begin + ", " + end + "] end before they begin");
    }
    long bytes = dtype.size();
    for (long d : shape) {
      try {
        bytes = Math.multiplyExact(bytes, d);
      } catch (ArithmeticException overflow) {
        throw new SafetensorsException(
            where + ": shape " + Arrays.toString(shape) + " of " + dtype
                + " overflows 64-bit byte counts");
      }
    }
    if (bytes != end - begin) {
      throw new SafetensorsException(
          where + ": shape " + Arrays.toString(shape) + " of " + dtype + " takes " + bytes
              + " bytes, but data_offsets [" + begin + ", " + end + "] span " + (end - begin));
    }
    return new TensorInfo(name, dtype, shape, begin, end);
  }

  private static Object required(JsonObject fields, String field, String where)
      throws SafetensorsException {
    if (!fields.containsKey(field)) {
      throw new SafetensorsException(where + " has no " + field);
    }
    return fields.get(field);
  }

  private static long[] naturals(Object value, String what) throws SafetensorsException {
    if (!(value instanceof List<?> list)) {
      throw new SafetensorsException(what + " must be an array of integers, found " + describe(value));
    }
    long[] out = new long[list.size()];
    for (int i = 0; i < out.length; i++) {
      Object item = list.get(i);
      if (!(item instanceof Long natural) || natural < 0) {
        throw new SafetensorsException(
            what + " must hold non-negative integers, found " + describe(item) + " at index " + i);
      }
      out[i] = natural;
    }
    return out;
  }

  /** The tensors must cover {@code [0, dataLength)} exactly, in some order, without overlap. */
  private static void checkTiling(Iterable<TensorInfo> tensors, long dataLength)
      throws SafetensorsException {
    List<TensorInfo> sorted = new ArrayList<>();
    tensors.forEach(sorted::add);
    sorted.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
    long covered = 0;
    TensorInfo previous = null;
    for (TensorInfo t : sorted) {
      if (t.begin() > covered) {
        throw new SafetensorsException(
            "hole in the data buffer: bytes [" + covered + ", " + t.begin()
                + ") belong to no tensor (next is " + StrictJson.quoteForMessage(t.name()) + ")");
      }
      if (t.begin() < covered) {
        throw new SafetensorsException(
            "tensor " + StrictJson.quoteForMessage(t.name()) + " at data bytes [" + t.begin() + ", "
                + t.end() + ") overlaps tensor " + StrictJson.quoteForMessage(previous.name())
                + " at [" + previous.begin() + ", " + previous.end() + ")");
      }
      covered = t.end();
      previous = t;
    }
    if (covered > dataLength) {
      throw new SafetensorsException(
          "the tensors need a data buffer of " + covered + " bytes, but the file has only "
              + dataLength + " bytes after the header (truncated?)");
    }
    if (covered < dataLength) {
      throw new SafetensorsException(
          (dataLength - covered) + " trailing bytes after the last tensor: the data buffer is "
              + dataLength + " bytes, the tensors cover " + covered);
    }
  }

  private static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String text) {
      return "string " + StrictJson.quoteForMessage(text);
    }
    if (value instanceof List) {
      return "an array";
    }
    if (value instanceof Map) {
      return "an object";
    }
    return value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " " + value;
  }
}
