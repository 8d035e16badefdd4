package dev.lamina.examples.cli;

import dev.lamina.format.DisplayText;

/**
 * Text from a file, made safe to print on a terminal: a string holding a character that a terminal
 * would act on (C0 and C1 controls, DEL, bidirectional overrides, line and paragraph separators)
 * is shown quoted with those characters escaped, <code>"a&#92;u001b[2J"</code>, the way the
 * runtime's error messages show names (see {@link DisplayText}); any other string is shown as it is.
 */
final class TerminalText {
  private TerminalText() {}

  /** {@code text} as it is if it is safe to print, else quoted with its controls escaped. */
  static String shown(String text) {
    // A string that starts with a quote is quoted too, so that a shown string is never ambiguous.
    if (text.startsWith("\"") || DisplayText.needsEscaping(text)) {
      return DisplayText.quoted(text);
    }
    return text;
  }
}
