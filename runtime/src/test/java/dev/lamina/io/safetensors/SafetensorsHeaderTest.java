package dev.lamina.io.safetensors;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Each rule of the format, broken once, with the message that names it. */
class SafetensorsHeaderTest {
  private static String refusal(byte[] file) {
    SafetensorsException e = assertThrows(SafetensorsException.class,
        () -> SafetensorsReader.fromBytes(file, "f").close());
    return e.getMessage();
  }

  private static String refusal(String header, int dataBytes) {
    return refusal(HostileFiles.file(header, new byte[dataBytes]));
  }

  private static byte[] concat(String before, byte[] middle, String after) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(middle);
    out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  @Test
  void validFileIsRead() throws Exception {
    String header = "{\"__metadata__\":{\"k\":\"v\"},\"b\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[4,6]},"
        + "\"a\":{\"dtype\":\"I32\",\"shape\":[],\"data_offsets\":[0,4]},"
        + "\"z\":{\"dtype\":\"F32\",\"shape\":[0,3],\"data_offsets\":[6,6]}}   ";
    byte[] data = {7, 0, 0, 0, (byte) 200, 1};
    try (SafetensorsReader r = SafetensorsReader.fromBytes(HostileFiles.file(header, data), "f")) {
      assertThat(r.tensors().keySet()).containsExactly("b", "a", "z").inOrder();
      assertThat(r.metadata()).containsExactly("k", "v");
      assertThat(r.readFloat32("a").tensor().item()).isEqualTo(7f);
      assertThat(r.readFloat32("b").tensor().toFloatArray()).isEqualTo(new float[] {200, 1});
      assertThat(r.readFloat32("z").tensor().shape()).isEqualTo(new int[] {0, 3});
    }
  }

  @Test
  void shortFile() {
    assertThat(refusal(new byte[5])).isEqualTo("f: the file is 5 bytes, too short for the 8-byte header length");
  }

  @Test
  void hugeHeaderLengthIsRefusedBeforeAllocating() {
    assertThat(refusal(HostileFiles.lengthOnly(-1))).isEqualTo(
        "f: header length 18446744073709551615 (byte 0) exceeds the limit of 100000000 bytes");
    assertThat(refusal(HostileFiles.lengthOnly(100_000_001))).contains("exceeds the limit");
  }

  @Test
  void headerLengthPastTheEnd() {
    assertThat(refusal(HostileFiles.lengthOnly(50))).isEqualTo(
        "f: header length 50 (byte 0) runs past the end of the file, which has 0 bytes after the length");
  }

  @Test
  void headerMustBeAnObject() {
    assertThat(refusal("[]", 0)).contains("must be a JSON object starting with '{' at byte 8");
    assertThat(refusal(" {}", 0)).contains("starting with '{'");
  }

  @Test
  void invalidJson() {
    assertThat(refusal("{\"a\":}", 0)).isEqualTo(
        "f: invalid JSON header: Unexpected character ('}' (code 125)): expected a value at byte 13");
    assertThat(refusal("{} x", 0)).contains("Unrecognized token 'x'");
    assertThat(refusal("{} x", 0)).endsWith("at byte 11");
    assertThat(refusal("{} {}", 0)).isEqualTo("f: invalid JSON header: unexpected '{' after the JSON value at byte 11");
  }

  @Test
  void refusesWhatTheJsonGrammarForbids() {
    String[] bad = {
      "{\"a\":1,}", "{\"a\":[1,]}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":\"a\tb\"}", "{\"a\":\"\\x\"}",
      "{\"a\":tru}", "{", "{\"a\":NaN}", "{\"a\":1}//", "{'a':1}", "{\"a\":\f1}", "{\"a\":\u00a01}", "{\"a\":-}",
    };
    for (String header : bad) {
      assertWithMessage(header).that(refusal(header, 0)).startsWith("f: invalid JSON header: ");
    }
  }

  @Test
  void invalidUtf8InAKey() {
    byte[] header = {'{', '"', (byte) 0xc0, (byte) 0x80, '"', ':', '{', '}', '}'};
    assertThat(refusal(HostileFiles.file(header, new byte[0])))
        .isEqualTo("f: invalid JSON header: invalid UTF-8 sequence starting with byte 0xc0 at byte 10");
  }

  @Test
  void invalidUtf8AndUnpairedSurrogatesAnywhere() {
    // overlong '/', an encoded surrogate, a stray continuation byte, past U+10FFFF, a truncated sequence
    byte[][] strings = {
      {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0x80},
      {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
    };
    for (byte[] string : strings) {
      byte[] header = concat("{\"__metadata__\":{\"k\":\"", string, "\"}}");
      assertThat(refusal(HostileFiles.file(header, new byte[0])))
          .startsWith("f: invalid JSON header: invalid UTF-8 sequence starting with byte 0x");
    }
    byte[] truncated = concat("{\"__metadata__\":{\"k\":\"", new byte[] {(byte) 0xe2, (byte) 0x82}, "");
    assertThat(refusal(HostileFiles.file(truncated, new byte[0])))
        .isEqualTo("f: invalid JSON header: truncated UTF-8 sequence at byte 30");
    assertThat(refusal("{\"__metadata__\":{\"k\":\"\\ud800\"}}", 0))
        .isEqualTo("f: invalid JSON header: unpaired surrogate \\ud800 in string \"\\ud800\" at byte 29");
    assertThat(refusal("{\"__metadata__\":{\"\\udc00\":\"v\"}}", 0))
        .contains("unpaired surrogate \\udc00");
  }

  @Test
  void escapesAndPairedSurrogatesAreRead() throws Exception {
    String header = "{\"__metadata__\":{\"k\":\"x\\u00e9\\n\\ud83d\\ude00\u00e9\\/\"}}";
    try (SafetensorsReader r = SafetensorsReader.fromBytes(HostileFiles.file(header, new byte[0]), "f")) {
      assertThat(r.metadata()).containsExactly("k", "x\u00e9\n\uD83D\uDE00\u00e9/");
    }
  }

  @Test
  void writtenMetadataReadsBack() throws Exception {
    String tricky = "q\"\\/\b\f\n\r\t\u0001\u00e9\uD83D\uDE00";
    byte[] file = new SafetensorsWriter().putMetadata(tricky, tricky).toBytes();
    try (SafetensorsReader r = SafetensorsReader.fromBytes(file, "f")) {
      assertThat(r.metadata()).containsExactly("format", "pt", tricky, tricky).inOrder();
    }
  }

  @Test
  void byteOrderMarkIsRefused() {
    byte[] header = concat("", new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, "{}");
    assertThat(refusal(HostileFiles.file(header, new byte[0]))).contains("starting with '{'");
  }

  @Test
  void duplicateKeys() {
    String t = "{\"dtype\":\"U8\",\"shape\":[0],\"data_offsets\":[0,0]}";
    assertThat(refusal("{\"a\":" + t + ",\"a\":" + t + "}", 0))
        .contains("Duplicate field 'a' at byte 64");
    assertThat(refusal("{\"__metadata__\":{\"c\":\"1\",\"c\":\"2\"}}", 0)).contains("Duplicate field 'c'");
  }

  @Test
  void numbersOutOfRange() {
    String[] shapes = {"[9223372036854775808]", "[1e999]", "[1" + "0".repeat(500) + "]"};
    String[] messages = {
      "integer 9223372036854775808 is outside the 64-bit range", "number 1e999 is outside the double range",
      "Number value length (501) exceeds the maximum allowed (400)",
    };
    for (int i = 0; i < shapes.length; i++) {
      assertThat(refusal("{\"x\":{\"dtype\":\"U8\",\"shape\":" + shapes[i] + ",\"data_offsets\":[0,0]}}", 0))
          .contains(messages[i]);
    }
  }

  @Test
  void metadataValuesMustBeStrings() {
    assertThat(refusal("{\"__metadata__\":{\"n\":1}}", 0)).isEqualTo(
        "f: \"__metadata__\" entry \"n\" (byte 25) must be a string, found long 1");
    assertThat(refusal("{\"__metadata__\":[]}", 0)).contains("must be an object of strings");
  }

  @Test
  void unknownDtype() {
    assertThat(refusal("{\"x\":{\"dtype\":\"F8_E4M3\",\"shape\":[1],\"data_offsets\":[0,1]}}", 1))
        .isEqualTo("f: tensor \"x\" (byte 9): dtype \"F8_E4M3\" is not supported; supported are"
            + " F32, F16, BF16, F64, I64, I32, U8, BOOL");
  }

  @Test
  void missingAndUnknownFields() {
    assertThat(refusal("{\"x\":{\"dtype\":\"U8\",\"shape\":[1]}}", 1)).contains("tensor \"x\" (byte 9) has no data_offsets");
    assertThat(refusal("{\"x\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1],\"o\":1}}", 1))
        .contains("unknown field \"o\"");
  }

  @Test
  void shapeAndOffsetsMustBeNaturalNumbers() {
    assertThat(refusal("{\"x\":{\"dtype\":\"U8\",\"shape\":[-1],\"data_offsets\":[0,1]}}", 1))
        .contains("shape must hold non-negative integers, found long -1 at index 0");
    assertThat(refusal("{\"x\":{\"dtype\":\"U8\",\"shape\":[1.0],\"data_offsets\":[0,1]}}", 1))
        .contains("found double 1.0");
    assertThat(refusal("{\"x\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1,2]}}", 1))
        .contains("data_offsets must be [begin, end], found 3 numbers");
    assertThat(refusal("{\"x\":{\"dtype\":\"U8\",\"shape\":[99999999999999999999],\"data_offsets\":[0,1]}}", 1))
        .contains("is outside the 64-bit range");
  }

  @Test
  void overflowingShape() {
    assertThat(refusal("{\"x\":{\"dtype\":\"F64\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,0]}}", 0))
        .contains("shape [4294967296, 4294967296] of F64 overflows 64-bit byte counts");
  }

  @Test
  void shapeMustMatchTheOffsets() {
    assertThat(refusal("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4)).isEqualTo(
        "f: tensor \"x\" (byte 9): shape [2] of F32 takes 8 bytes, but data_offsets [0, 4] span 4");
    assertThat(refusal("{\"x\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[4,2]}}", 4))
        .contains("end before they begin");
  }

  @Test
  void holesOverlapsTruncationAndTrailingBytes() {
    String a = "\"a\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4]}";
    assertThat(refusal("{" + a + ",\"b\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[6,8]}}", 8))
        .contains("hole in the data buffer: bytes [4, 6) belong to no tensor (next is \"b\")");
    assertThat(refusal("{" + a + ",\"b\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[3,5]}}", 5))
        .contains("tensor \"b\" at data bytes [3, 5) overlaps tensor \"a\" at [0, 4)");
    assertThat(refusal("{" + a + "}", 3)).contains(
        "the tensors need a data buffer of 4 bytes, but the file has only 3 bytes after the header (truncated?)");
    assertThat(refusal("{" + a + "}", 5)).contains(
        "1 trailing bytes after the last tensor: the data buffer is 5 bytes, the tensors cover 4");
  }

  @Test
  void tooDeep() {
    char[] open = new char[20];
    Arrays.fill(open, '[');
    assertThat(refusal("{\"a\":" + new String(open), 0))
        .contains("Document nesting depth (9) exceeds the maximum allowed (8)");
  }

  @Test
  void tooLargeForALaminaTensorIsRefusedOnRead() throws Exception {
    String header = "{\"x\":{\"dtype\":\"U8\",\"shape\":[3000000000,0],\"data_offsets\":[0,0]}}";
    try (SafetensorsReader r = SafetensorsReader.fromBytes(HostileFiles.file(header, new byte[0]), "f")) {
      SafetensorsException e = assertThrows(SafetensorsException.class, () -> r.readFloat32("x"));
      assertThat(e).hasMessageThat().contains("has dimension 3000000000, larger than a Lamina tensor holds");
      assertThrows(SafetensorsException.class, () -> r.readFloat32("y"));
    }
  }

  @Test
  void zeroElementTensorsAreReadAndWritten() throws Exception {
    String header = "{\"x\":{\"dtype\":\"F32\",\"shape\":[3,0],\"data_offsets\":[0,0]}}";
    try (SafetensorsReader r = SafetensorsReader.fromBytes(HostileFiles.file(header, new byte[0]), "f")) {
      assertThat(r.readFloat32("x").tensor().shape()).isEqualTo(new int[] {3, 0});
    }
    byte[] file = new SafetensorsWriter()
        .addRaw("x", Dtype.F32, new long[] {3, 0}, java.nio.ByteBuffer.allocate(0)).toBytes();
    try (SafetensorsReader r = SafetensorsReader.fromBytes(file, "f")) {
      assertThat(r.info("x").shape()).isEqualTo(new long[] {3, 0});
      assertThat(r.readFloat32("x").tensor().numel()).isEqualTo(0);
    }
  }

  @Test
  void readFloat32ThrowsOnlyItsDeclaredException() throws Exception {
    // No element, but the leading dimensions multiply past what a Java array holds.
    String header = "{\"x\":{\"dtype\":\"F32\",\"shape\":[1073741824,4,0],\"data_offsets\":[0,0]}}";
    try (SafetensorsReader r = SafetensorsReader.fromBytes(HostileFiles.file(header, new byte[0]), "f")) {
      try {
        assertThat(r.readFloat32("x").tensor().numel()).isEqualTo(0);
      } catch (SafetensorsException e) {
        assertThat(e).hasMessageThat().startsWith("f: tensor \"x\" of shape [1073741824, 4, 0] cannot be a Lamina tensor");
      }
    }
  }

  @Test
  void unpairedSurrogatesAreRefusedWhenWriting() {
    SafetensorsWriter writer = new SafetensorsWriter();
    IllegalArgumentException value = assertThrows(IllegalArgumentException.class,
        () -> writer.putMetadata("k", "a\uD800b"));
    assertThat(value).hasMessageThat().isEqualTo(
        "metadata \"k\" \"a\\ud800b\" holds an unpaired surrogate at index 1, which has no UTF-8 form");
    assertThrows(IllegalArgumentException.class, () -> writer.putMetadata("\uDC00", "v"));
    assertThrows(IllegalArgumentException.class, () -> writer.add("w\uDC00", dev.lamina.Tensor.of(1)));
    assertThat(writer.toBytes().length).isLessThan(64);
  }
}
