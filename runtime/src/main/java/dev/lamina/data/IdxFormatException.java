package dev.lamina.data;

import java.io.IOException;

/** A file that is not a well-formed IDX file; the message names the file and the byte offset. */
public final class IdxFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long offset;

  IdxFormatException(String source, long offset, String problem) {
    this(source, offset, problem, null);
  }

  IdxFormatException(String source, long offset, String problem, Throwable cause) {
    super(source + ": " + problem + " (at byte offset " + offset + ")", cause);
    this.source = source;
    this.offset = offset;
  }

  /** The file (or stream name) that was being read. */
  public String source() {
    return source;
  }

  /** Where in the file the problem is; in the decompressed bytes for a gzip file. */
  public long offset() {
    return offset;
  }
}
