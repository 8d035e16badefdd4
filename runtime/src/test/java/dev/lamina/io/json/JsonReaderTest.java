package dev.lamina.io.json;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {
  private static Object parse(String text) throws JsonException {
    return JsonReader.parse(text.getBytes(StandardCharsets.UTF_8), 16);
  }

  private static String refusal(byte[] bytes) {
    return assertThrows(JsonException.class, () -> JsonReader.parse(bytes, 16)).getMessage();
  }

  private static String refusal(String text) {
    return refusal(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void parsesEveryKindOfValue() throws Exception {
    Object value = parse(" {\"a\": [1, -2.5e1, true, false, null], \"b\": \"x\\u00e9\\n\\ud83d\\ude00é\", \"c\": {}} ");
    Map<?, ?> map = (Map<?, ?>) value;
    assertThat(map.keySet()).containsExactly("a", "b", "c").inOrder();
    assertThat((List<?>) map.get("a")).containsExactly(1L, -25.0, true, false, null).inOrder();
    assertThat(map.get("b")).isEqualTo("xé\n\uD83D\uDE00é");
    assertThat(((JsonObject) map).offsetOf("b")).isEqualTo(39);
  }

  @Test
  void writerOutputReadsBack() throws Exception {
    String tricky = "q\"\\/\b\f\n\r\t\u0001é\uD83D\uDE00";
    Object back = parse(JsonWriter.write(Map.of("k", List.of(tricky, 3, 2.0, Long.MIN_VALUE))));
    assertThat(back).isEqualTo(Map.of("k", List.of(tricky, 3L, 2.0, Long.MIN_VALUE)));
  }

  @Test
  void refusesWhatTheGrammarForbids() {
    assertThat(refusal("{\"a\":1,}")).isEqualTo("expected a string key in object, found '}' at byte 7");
    assertThat(refusal("[1,]")).isEqualTo("unexpected ']', expected a JSON value at byte 3");
    assertThat(refusal("01")).isEqualTo("unexpected '1' after the JSON value at byte 1");
    assertThat(refusal("1.")).isEqualTo("expected a digit after '.', found end of JSON at byte 2");
    assertThat(refusal("\"a\tb\"")).isEqualTo("control character 0x09 in string (must be escaped) at byte 2");
    assertThat(refusal("\"\\x\"")).isEqualTo("invalid escape \\'x' at byte 2");
    assertThat(refusal("tru")).isEqualTo("unexpected 't', expected a JSON value at byte 0");
    assertThat(refusal("")).isEqualTo("unexpected end of JSON, expected a value at byte 0");
  }

  @Test
  void refusesDuplicateKeysAndDeepNesting() {
    assertThat(refusal("{\"a\":1,\"b\":{\"c\":1,\"c\":2}}")).isEqualTo("duplicate key \"c\" at byte 18");
    assertThat(refusal("[".repeat(17))).isEqualTo("JSON nests deeper than 16 levels at byte 16");
  }

  @Test
  void refusesNumbersOutOfRange() {
    assertThat(refusal("9223372036854775808")).isEqualTo("integer 9223372036854775808 is outside the 64-bit range at byte 0");
    assertThat(refusal("1e999")).isEqualTo("number 1e999 is outside the double range at byte 0");
    assertThat(refusal("1" + "0".repeat(500) + ".5")).isEqualTo("number longer than 400 characters at byte 0");
  }

  @Test
  void refusesInvalidUtf8AndUnpairedSurrogates() {
    // overlong '/', an encoded surrogate, a stray continuation byte, a truncated sequence, past U+10FFFF
    assertThat(refusal(new byte[] {'"', (byte) 0xc0, (byte) 0xaf, '"'})).isEqualTo("invalid UTF-8 byte 0xc0 at byte 1");
    assertThat(refusal(new byte[] {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'})).isEqualTo("invalid UTF-8 sequence at byte 1");
    assertThat(refusal(new byte[] {'"', (byte) 0x80, '"'})).isEqualTo("invalid UTF-8 byte 0x80 at byte 1");
    assertThat(refusal(new byte[] {'"', (byte) 0xe2, (byte) 0x82})).isEqualTo("truncated UTF-8 sequence at byte 1");
    assertThat(refusal(new byte[] {'"', (byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'})).isEqualTo("invalid UTF-8 sequence at byte 1");
    assertThat(refusal(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '{', '}'})).isEqualTo("unexpected byte 0xef, expected a JSON value at byte 0");
    assertThat(refusal("\"\\ud800\"")).isEqualTo("unpaired surrogate escape \\ud800 at byte 1");
    assertThat(refusal("\"\\udc00\"")).isEqualTo("unpaired surrogate escape \\udc00 at byte 1");
  }
}
