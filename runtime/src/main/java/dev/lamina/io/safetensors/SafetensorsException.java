package dev.lamina.io.safetensors;

import java.io.IOException;

/**
 * A safetensors file that cannot be read or does not follow the format. The message says what is
 * wrong and where: the tensor's name, the byte offset in the file, or both.
 */
public class SafetensorsException extends IOException {
  private static final long serialVersionUID = 1L;

  /** A problem described by {@code message}. */
  public SafetensorsException(String message) {
    super(message);
  }

  /** A problem described by {@code message}, found while handling {@code cause}. */
  public SafetensorsException(String message, Throwable cause) {
    super(message, cause);
  }
}
