package dev.lamina.io.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import dev.lamina.format.DisplayText;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON (RFC 8259) for untrusted files, read and written with jackson-core's streaming API.
 *
 * <p>Reading refuses everything RFC 8259 leaves open: invalid or overlong UTF-8 and encoded
 * surrogates (checked on the bytes, before jackson sees them, so jackson never guesses an
 * encoding), unpaired surrogate escapes, a byte order mark, duplicate keys, integers outside
 * {@code long}, numbers outside {@code double}, nesting deeper than the reader's limit, and anything
 * but whitespace after the value. Values come back as {@link JsonObject}, {@link List},
 * {@link String}, {@link Long} (numbers without fraction or exponent), {@link Double} (other
 * numbers), {@link Boolean} and {@code null}. Errors carry the byte offset, counted from a base the
 * caller gives (the position of the text in its file).
 *
 * <pre>{@code
 * StrictJson json = new StrictJson(8, 100_000_000);
 * Object header = json.parse(bytes, 0, bytes.length, 8);
 * String text = StrictJson.write(Map.of("format", "pt"));
 * }</pre>
 */
public final class StrictJson {
  private static final int MAX_NUMBER_LENGTH = 400;

  /** Deep enough for anything a caller writes; readers set their own limits. */
  private static final int MAX_WRITE_DEPTH = 100_000;

  private static final JsonFactory WRITING = JsonFactory.builder()
      .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_WRITE_DEPTH).build())
      .build();

  private final JsonFactory factory;
  private final int maxDepth;

  /**
   * A reader for texts of at most {@code maxLength} bytes whose objects and arrays nest at most
   * {@code maxDepth} deep.
   */
  public StrictJson(int maxDepth, long maxLength) {
    int maxString = (int) Math.min(Integer.MAX_VALUE, maxLength);
    this.maxDepth = maxDepth;
    this.factory = JsonFactory.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(maxDepth)
            .maxDocumentLength(maxLength)
            .maxStringLength(maxString)
            .maxNameLength(maxString)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .build())
        .build();
  }

  /** The deepest nesting this reader accepts. */
  public int maxDepth() {
    return maxDepth;
  }

  /** Parses all of {@code utf8}; offsets in errors count from 0. */
  public Object parse(byte[] utf8) throws JsonException {
    return parse(utf8, 0, utf8.length, 0);
  }

  /**
   * Parses {@code utf8[from, to)} as one JSON value surrounded by optional whitespace.
   *
   * @param base the offset reported for byte {@code from} (e.g. 8 for a safetensors header)
   */
  public Object parse(byte[] utf8, int from, int to, long base) throws JsonException {
    String text = decode(utf8, from, to, base);
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      throw new JsonException("a byte order mark is not allowed before JSON", base);
    }
    try (JsonParser parser = factory.createParser(text)) {
      Tree tree = new Tree(parser, text, base);
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new JsonException("unexpected end of JSON, expected a value", base + utf8Length(text, text.length()));
      }
      Object value = tree.value(first);
      JsonToken after = parser.nextToken();
      if (after != null) {
        throw tree.error("unexpected " + describe(after) + " after the JSON value", parser.currentTokenLocation());
      }
      return value;
    } catch (JsonProcessingException e) {
      // Jackson names the setting behind a limit; the reader of a refused file needs only the limit.
      String message = e.getOriginalMessage().replaceAll(", from `[^`]*`", "");
      throw new JsonException(message, base + byteOffset(text, e.getLocation()));
    } catch (IOException e) {
      throw new UncheckedIOException("reading JSON from memory failed", e);
    }
  }

  /** The bytes as a string, refusing any that are not well-formed UTF-8. */
  private static String decode(byte[] utf8, int from, int to, long base) throws JsonException {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(utf8, from, to - from);
    CharBuffer out = CharBuffer.allocate(to - from);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int at = in.position();
      long offset = base + (at - from);
      if (at + result.length() >= to && (utf8[at] & 0xc0) == 0xc0) {
        throw new JsonException("truncated UTF-8 sequence", offset);
      }
      throw new JsonException(
          String.format("invalid UTF-8 sequence starting with byte 0x%02x", utf8[at] & 0xff), offset);
    }
    out.flip();
    return out.toString();
  }

  /** Builds the value tree from jackson's tokens. */
  private static final class Tree {
    private final JsonParser parser;
    private final String text;
    private final long base;

    Tree(JsonParser parser, String text, long base) {
      this.parser = parser;
      this.text = text;
      this.base = base;
    }

    Object value(JsonToken token) throws IOException, JsonException {
      return switch (token) {
        case START_OBJECT -> object();
        case START_ARRAY -> array();
        case VALUE_STRING -> string(parser.getText(), parser.currentTokenLocation());
        case VALUE_NUMBER_INT -> {
          if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw error("integer " + abbreviate(parser.getText()) + " is outside the 64-bit range",
                parser.currentTokenLocation());
          }
          yield parser.getLongValue();
        }
        case VALUE_NUMBER_FLOAT -> {
          double d = parser.getDoubleValue();
          if (Double.isInfinite(d)) {
            throw error("number " + abbreviate(parser.getText()) + " is outside the double range",
                parser.currentTokenLocation());
          }
          yield d;
        }
        case VALUE_TRUE -> true;
        case VALUE_FALSE -> false;
        case VALUE_NULL -> null;
        default -> throw error("unexpected " + describe(token), parser.currentTokenLocation());
      };
    }

    private JsonObject object() throws IOException, JsonException {
      JsonObject out = new JsonObject();
      for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
        JsonLocation at = parser.currentTokenLocation();
        String key = string(parser.currentName(), at);
        out.putAt(key, value(parser.nextToken()), base + byteOffset(text, at));
      }
      return out;
    }

    private List<Object> array() throws IOException, JsonException {
      List<Object> out = new ArrayList<>();
      for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
        out.add(value(t));
      }
      return out;
    }

    /** {@code s}, unless it holds a surrogate without its pair (which has no UTF-8 form). */
    private String string(String s, JsonLocation at) throws JsonException {
      int lone = loneSurrogate(s);
      if (lone >= 0) {
        throw error("unpaired surrogate \\u" + Integer.toHexString(s.charAt(lone)) + " in string "
            + quoteForMessage(s), at);
      }
      return s;
    }

    JsonException error(String message, JsonLocation at) {
      return new JsonException(message, base + byteOffset(text, at));
    }
  }

  /** The index of the first surrogate in {@code s} that is not half of a pair, or -1. */
  public static int loneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  private static long byteOffset(String text, JsonLocation at) {
    if (at == null || at.getCharOffset() < 0) {
      return 0;
    }
    return utf8Length(text, (int) Math.min(text.length(), at.getCharOffset()));
  }

  /** The UTF-8 length of {@code text}'s first {@code chars} characters (valid text: pairs are whole). */
  private static long utf8Length(String text, int chars) {
    long bytes = 0;
    for (int i = 0; i < chars; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  private static String describe(JsonToken token) {
    return switch (token) {
      case START_OBJECT -> "'{'";
      case START_ARRAY -> "'['";
      case END_OBJECT -> "'}'";
      case END_ARRAY -> "']'";
      default -> "value";
    };
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }

  // ------------------------------------------------------------ writing

  /**
   * {@code value} as compact JSON text: maps (in iteration order, string keys), lists, strings,
   * integers ({@code Integer}, {@code Long}), finite floats and doubles (always with a fraction or
   * exponent, so they read back as doubles), booleans and {@code null}.
   *
   * @throws IllegalArgumentException for any other value, a non-finite number, or a string with an
   *     unpaired surrogate (no UTF-8 form, so no reader would accept the text)
   */
  public static String write(Object value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = WRITING.createGenerator(out)) {
      write(generator, value);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
    return out.toString();
  }

  private static void write(JsonGenerator out, Object value) throws IOException {
    if (value == null) {
      out.writeNull();
    } else if (value instanceof String string) {
      out.writeString(checked(string));
    } else if (value instanceof Integer || value instanceof Long) {
      out.writeNumber(((Number) value).longValue());
    } else if (value instanceof Float boxed) {
      float f = boxed;
      checkFinite(f);
      out.writeNumber(f);
    } else if (value instanceof Double boxed) {
      double d = boxed;
      checkFinite(d);
      out.writeNumber(d);
    } else if (value instanceof Boolean bool) {
      out.writeBoolean(bool);
    } else if (value instanceof Map<?, ?> map) {
      out.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.writeFieldName(checked((String) e.getKey()));
        write(out, e.getValue());
      }
      out.writeEndObject();
    } else if (value instanceof List<?> list) {
      out.writeStartArray();
      for (Object item : list) {
        write(out, item);
      }
      out.writeEndArray();
    } else {
      throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
    }
  }

  private static void checkFinite(double d) {
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException("JSON has no representation for " + d);
    }
  }

  private static String checked(String s) {
    int lone = loneSurrogate(s);
    if (lone >= 0) {
      throw new IllegalArgumentException("string " + quoteForMessage(s) + " holds an unpaired surrogate \\u"
          + Integer.toHexString(s.charAt(lone)) + " at index " + lone + ", which has no UTF-8 form");
    }
    return s;
  }

  /** A string shown in a message: quoted, shortened, control characters and lone surrogates escaped. */
  public static String quoteForMessage(String text) {
    return DisplayText.quoted(text, 80);
  }

}
