package dev.lamina.io.json;

import java.util.ArrayList;
import java.util.List;

/**
 * A strict JSON (RFC 8259) parser for untrusted UTF-8 bytes.
 *
 * <p>Values come back as {@link JsonObject}, {@link List}, {@link String}, {@link Long} (numbers
 * without fraction or exponent), {@link Double} (other numbers), {@link Boolean} and {@code null}.
 * Everything that RFC 8259 leaves open is refused: invalid or overlong UTF-8, unpaired surrogate
 * escapes, duplicate keys, integers outside {@code long}, numbers outside {@code double}, nesting
 * deeper than the caller's limit, and anything but whitespace after the value. Errors carry the byte
 * offset, counted from a base the caller gives (the position of the text in its file).
 */
public final class JsonReader {
  private static final int MAX_NUMBER_LENGTH = 400;

  private final byte[] bytes;
  private final int end;
  private final long base;
  private final int maxDepth;
  private int pos;
  private int depth;

  private JsonReader(byte[] bytes, int from, int to, long base, int maxDepth) {
    this.bytes = bytes;
    this.pos = from;
    this.end = to;
    this.base = base - from;
    this.maxDepth = maxDepth;
  }

  /** Parses all of {@code utf8}; offsets in errors count from 0. */
  public static Object parse(byte[] utf8, int maxDepth) throws JsonException {
    return parse(utf8, 0, utf8.length, 0, maxDepth);
  }

  /**
   * Parses {@code utf8[from, to)} as one JSON value surrounded by optional whitespace.
   *
   * @param base the offset reported for byte {@code from} (e.g. 8 for a safetensors header)
   * @param maxDepth how many objects and arrays may nest
   */
  public static Object parse(byte[] utf8, int from, int to, long base, int maxDepth)
      throws JsonException {
    JsonReader reader = new JsonReader(utf8, from, to, base, maxDepth);
    reader.skipWhitespace();
    Object value = reader.value();
    reader.skipWhitespace();
    if (reader.pos != reader.end) {
      throw reader.error("unexpected " + reader.describe(reader.pos) + " after the JSON value");
    }
    return value;
  }

  private Object value() throws JsonException {
    if (pos >= end) {
      throw error("unexpected end of JSON, expected a value");
    }
    byte b = bytes[pos];
    switch (b) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", null);
      default:
        if (b == '-' || (b >= '0' && b <= '9')) {
          return number();
        }
        throw error("unexpected " + describe(pos) + ", expected a JSON value");
    }
  }

  private JsonObject object() throws JsonException {
    enter();
    pos++;
    JsonObject out = new JsonObject();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      depth--;
      return out;
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("expected a string key in object, found " + describe(pos));
      }
      long keyOffset = base + pos;
      String key = string();
      if (out.containsKey(key)) {
        throw new JsonException("duplicate key " + quoteForMessage(key), keyOffset);
      }
      skipWhitespace();
      expect(':', "after object key " + quoteForMessage(key));
      skipWhitespace();
      out.putAt(key, value(), keyOffset);
      skipWhitespace();
      byte next = peek();
      pos++;
      if (next == '}') {
        depth--;
        return out;
      }
      if (next != ',') {
        pos--;
        throw error("expected ',' or '}' in object, found " + describe(pos));
      }
    }
  }

  private List<Object> array() throws JsonException {
    enter();
    pos++;
    List<Object> out = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      depth--;
      return out;
    }
    while (true) {
      skipWhitespace();
      out.add(value());
      skipWhitespace();
      byte next = peek();
      pos++;
      if (next == ']') {
        depth--;
        return out;
      }
      if (next != ',') {
        pos--;
        throw error("expected ',' or ']' in array, found " + describe(pos));
      }
    }
  }

  private void enter() throws JsonException {
    if (++depth > maxDepth) {
      throw error("JSON nests deeper than " + maxDepth + " levels");
    }
  }

  private String string() throws JsonException {
    pos++; // opening quote
    StringBuilder out = new StringBuilder();
    while (true) {
      if (pos >= end) {
        throw error("unterminated string");
      }
      int b = bytes[pos] & 0xff;
      if (b == '"') {
        pos++;
        return out.toString();
      } else if (b == '\\') {
        escape(out);
      } else if (b < 0x20) {
        throw error("control character 0x" + hex2(b) + " in string (must be escaped)");
      } else if (b < 0x80) {
        out.append((char) b);
        pos++;
      } else {
        out.appendCodePoint(utf8Sequence());
      }
    }
  }

  private void escape(StringBuilder out) throws JsonException {
    int start = pos;
    pos++;
    if (pos >= end) {
      throw error("unterminated escape");
    }
    byte e = bytes[pos++];
    switch (e) {
      case '"': out.append('"'); return;
      case '\\': out.append('\\'); return;
      case '/': out.append('/'); return;
      case 'b': out.append('\b'); return;
      case 'f': out.append('\f'); return;
      case 'n': out.append('\n'); return;
      case 'r': out.append('\r'); return;
      case 't': out.append('\t'); return;
      case 'u':
        char c = hex4();
        if (Character.isHighSurrogate(c)) {
          if (pos + 1 < end && bytes[pos] == '\\' && bytes[pos + 1] == 'u') {
            pos += 2;
            char low = hex4();
            if (Character.isLowSurrogate(low)) {
              out.append(c).append(low);
              return;
            }
          }
          throw new JsonException("unpaired surrogate escape \\u" + Integer.toHexString(c), base + start);
        }
        if (Character.isLowSurrogate(c)) {
          throw new JsonException("unpaired surrogate escape \\u" + Integer.toHexString(c), base + start);
        }
        out.append(c);
        return;
      default:
        pos--;
        throw error("invalid escape \\" + describe(pos));
    }
  }

  private char hex4() throws JsonException {
    if (pos + 4 > end) {
      throw error("unterminated \\u escape");
    }
    int value = 0;
    for (int i = 0; i < 4; i++) {
      int digit = Character.digit(bytes[pos] & 0xff, 16);
      if (digit < 0 || (bytes[pos] & 0x80) != 0) {
        throw error("invalid hex digit " + describe(pos) + " in \\u escape");
      }
      value = value * 16 + digit;
      pos++;
    }
    return (char) value;
  }

  /** Decodes one multi-byte UTF-8 sequence, refusing overlong forms, surrogates and values past U+10FFFF. */
  private int utf8Sequence() throws JsonException {
    int start = pos;
    int lead = bytes[pos] & 0xff;
    int length;
    int codePoint;
    int min2 = 0x80;
    int max2 = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) {
      length = 2;
      codePoint = lead & 0x1f;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      codePoint = lead & 0x0f;
      if (lead == 0xe0) {
        min2 = 0xa0; // overlong
      } else if (lead == 0xed) {
        max2 = 0x9f; // surrogates
      }
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      codePoint = lead & 0x07;
      if (lead == 0xf0) {
        min2 = 0x90; // overlong
      } else if (lead == 0xf4) {
        max2 = 0x8f; // past U+10FFFF
      }
    } else {
      throw new JsonException("invalid UTF-8 byte 0x" + hex2(lead), base + start);
    }
    if (start + length > end) {
      throw new JsonException("truncated UTF-8 sequence", base + start);
    }
    for (int i = 1; i < length; i++) {
      int b = bytes[start + i] & 0xff;
      int low = i == 1 ? min2 : 0x80;
      int high = i == 1 ? max2 : 0xbf;
      if (b < low || b > high) {
        throw new JsonException("invalid UTF-8 sequence", base + start);
      }
      codePoint = (codePoint << 6) | (b & 0x3f);
    }
    pos = start + length;
    return codePoint;
  }

  private Object number() throws JsonException {
    int start = pos;
    boolean integral = true;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (isDigit(peek())) {
      digits();
    } else {
      throw error("expected a digit in number, found " + describe(pos));
    }
    if (peek() == '.') {
      integral = false;
      pos++;
      if (!isDigit(peek())) {
        throw error("expected a digit after '.', found " + describe(pos));
      }
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      integral = false;
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw error("expected a digit in exponent, found " + describe(pos));
      }
      digits();
    }
    if (pos - start > MAX_NUMBER_LENGTH) {
      throw new JsonException("number longer than " + MAX_NUMBER_LENGTH + " characters", base + start);
    }
    String text = new String(bytes, start, pos - start, java.nio.charset.StandardCharsets.US_ASCII);
    if (integral) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw new JsonException("integer " + abbreviate(text) + " is outside the 64-bit range", base + start);
      }
    }
    double value = Double.parseDouble(text);
    if (Double.isInfinite(value)) {
      throw new JsonException("number " + abbreviate(text) + " is outside the double range", base + start);
    }
    return value;
  }

  private void digits() {
    while (isDigit(peek())) {
      pos++;
    }
  }

  private Object literal(String word, Object value) throws JsonException {
    for (int i = 0; i < word.length(); i++) {
      if (pos + i >= end || bytes[pos + i] != word.charAt(i)) {
        throw error("unexpected " + describe(pos) + ", expected a JSON value");
      }
    }
    pos += word.length();
    return value;
  }

  private void expect(char c, String where) throws JsonException {
    if (peek() != c) {
      throw error("expected '" + c + "' " + where + ", found " + describe(pos));
    }
    pos++;
  }

  private void skipWhitespace() {
    while (pos < end) {
      byte b = bytes[pos];
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return;
      }
      pos++;
    }
  }

  /** The byte at the cursor, or -1 at the end (never a valid structural byte). */
  private byte peek() {
    return pos < end ? bytes[pos] : -1;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  private String describe(int at) {
    if (at >= end) {
      return "end of JSON";
    }
    int b = bytes[at] & 0xff;
    if (b > 0x20 && b < 0x7f) {
      return "'" + (char) b + "'";
    }
    return "byte 0x" + hex2(b);
  }

  private JsonException error(String message) {
    return new JsonException(message, base + pos);
  }

  private static String hex2(int b) {
    return String.format("%02x", b);
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }

  /** A key shown in a message: quoted, shortened, control characters escaped. */
  public static String quoteForMessage(String text) {
    String shown = text.length() <= 80 ? text : text.substring(0, 77) + "...";
    return JsonWriter.quote(shown);
  }
}
