package dev.lamina.io.json;

/** A JSON text that is malformed or breaks one of {@link StrictJson}'s limits, with the byte where it went wrong. */
public final class JsonException extends Exception {
  private static final long serialVersionUID = 1L;

  private final long byteOffset;

  JsonException(String message, long byteOffset) {
    super(message + " at byte " + byteOffset);
    this.byteOffset = byteOffset;
  }

  /** Where the problem was found, counted from the start of the enclosing file or buffer. */
  public long byteOffset() {
    return byteOffset;
  }
}
