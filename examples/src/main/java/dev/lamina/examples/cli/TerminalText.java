package dev.lamina.examples.cli;

import dev.lamina.io.json.JsonWriter;

/**
 * Text from a file, made safe to print on a terminal: a string holding a character that a terminal
 * would act on (C0 and C1 controls, DEL, bidirectional overrides, line and paragraph separators)
 * is shown as a quoted string with those characters escaped, <code>"a&#92;u001b[2J"</code>, the way the
 * runtime's error messages show names; any other string is shown as it is.
 */
final class TerminalText {
  private TerminalText() {}

  /** {@code text} as it is if it is safe to print, else quoted with its controls escaped. */
  static String shown(String text) {
    if (!needsEscaping(text)) {
      return text;
    }
    // JsonWriter.quote escapes quotes, backslashes, C0 controls and unpaired surrogates; the rest of
    // what a terminal acts on is escaped here, in the same form.
    String quoted = JsonWriter.quote(text);
    StringBuilder out = new StringBuilder(quoted.length() + 16);
    for (int i = 0; i < quoted.length(); i++) {
      char c = quoted.charAt(i);
      if (isControl(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** A string that starts with a quote is quoted too, so that a shown string is never ambiguous. */
  private static boolean needsEscaping(String text) {
    if (text.startsWith("\"")) {
      return true;
    }
    for (int i = 0; i < text.length(); i++) {
      if (isControl(text.charAt(i)) || text.charAt(i) < 0x20) {
        return true;
      }
    }
    return false;
  }

  /** DEL, C1 controls, bidirectional marks, embeddings, overrides and isolates, U+2028 and U+2029. */
  private static boolean isControl(char c) {
    return (c >= 0x7f && c <= 0x9f)
        || c == 0x061c
        || c == 0x200e || c == 0x200f
        || (c >= 0x2028 && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069);
  }
}
