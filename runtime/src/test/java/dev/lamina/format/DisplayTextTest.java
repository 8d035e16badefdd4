package dev.lamina.format;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

class DisplayTextTest {
  @Test
  void escapesWhatATerminalWouldActOn() {
    String hostile = "a\u001b[2J\u001b]0;title\u0007\r\u007f\u0085\u202e\u2028b";
    String shown = DisplayText.quoted(hostile);
    assertThat(shown).isEqualTo(
        "\"a\\u001b[2J\\u001b]0;title\\u0007\\u000d\\u007f\\u0085\\u202e\\u2028b\"");
    assertThat(shown.chars().filter(c -> c < 0x20).count()).isEqualTo(0);
  }

  @Test
  void keepsPairedSurrogatesAndEscapesLoneOnes() {
    assertThat(DisplayText.quoted("\ud83d\ude00")).isEqualTo("\"\ud83d\ude00\"");
    assertThat(DisplayText.quoted("x\ud83d")).isEqualTo("\"x\\ud83d\"");
    assertThat(DisplayText.needsEscaping("\ud83d\ude00")).isFalse();
    assertThat(DisplayText.needsEscaping("x\ude00")).isTrue();
  }

  @Test
  void escapesQuotesAndBackslashes() {
    assertThat(DisplayText.quoted("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    assertThat(DisplayText.needsEscaping("plain name.weight")).isFalse();
  }

  @Test
  void shortensWithoutSplittingAPair() {
    assertThat(DisplayText.quoted("abcdefghij", 8)).isEqualTo("\"abcde...\"");
    assertThat(DisplayText.quoted("abcd\ud83d\ude00xyz", 8)).isEqualTo("\"abcd...\"");
    assertThat(DisplayText.quoted("abc", 8)).isEqualTo("\"abc\"");
  }
}
