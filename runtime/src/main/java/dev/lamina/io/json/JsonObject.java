package dev.lamina.io.json;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parsed JSON object: its members in file order, and where each key stood, so that a caller
 * validating the content can say where a bad member is.
 */
public final class JsonObject extends LinkedHashMap<String, Object> {
  private static final long serialVersionUID = 1L;

  private final Map<String, Long> keyOffsets = new HashMap<>();

  /** An empty object. */
  public JsonObject() {}

  void putAt(String key, Object value, long offset) {
    put(key, value);
    keyOffsets.put(key, offset);
  }

  /** The byte offset of {@code key}'s opening quote, or -1 when the key was not parsed from text. */
  public long offsetOf(String key) {
    return keyOffsets.getOrDefault(key, -1L);
  }
}
