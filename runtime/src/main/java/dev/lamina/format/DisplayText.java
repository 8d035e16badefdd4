package dev.lamina.format;

/**
 * Text from a file or a user, made safe to show to a person, in an error message or on a terminal:
 * quoted, with every character a terminal would act on escaped as <code>&#92;uXXXX</code> (C0 and C1
 * controls, DEL, bidirectional marks, embeddings, overrides and isolates, the line and paragraph
 * separators) and so are quotes, backslashes and unpaired surrogates.
 *
 * <p>For example, a name holding ESC {@code [2J} (which clears a terminal) is shown as
 * <code>"a&#92;u001b[2J"</code>.
 */
public final class DisplayText {
  private DisplayText() {}

  /** {@code text} quoted and escaped, whole. */
  public static String quoted(String text) {
    return quoted(text, Integer.MAX_VALUE);
  }

  /**
   * {@code text} quoted and escaped, cut to {@code maxLength} characters with {@code "..."} when it
   * is longer (never between the two halves of a surrogate pair).
   */
  public static String quoted(String text, int maxLength) {
    String shown = text;
    if (text.length() > maxLength) {
      int cut = Math.max(0, maxLength - 3);
      if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
        cut--;
      }
      shown = text.substring(0, cut) + "...";
    }
    StringBuilder out = new StringBuilder(shown.length() + 2).append('"');
    for (int i = 0; i < shown.length(); i++) {
      char c = shown.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (Character.isHighSurrogate(c) && i + 1 < shown.length()
          && Character.isLowSurrogate(shown.charAt(i + 1))) {
        out.append(c).append(shown.charAt(++i));
      } else if (isUnsafe(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /** Whether {@code text} holds a character that {@link #quoted} would escape, other than quotes. */
  public static boolean needsEscaping(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' || (isUnsafe(c) && !isPairedSurrogate(text, i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isPairedSurrogate(String text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
    }
    return Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
  }

  /** C0, DEL, C1, bidirectional controls, U+2028/U+2029, and any surrogate (paired ones are kept). */
  private static boolean isUnsafe(char c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || c == 0x061c
        || c == 0x200e || c == 0x200f
        || (c >= 0x2028 && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069)
        || Character.isSurrogate(c);
  }
}
