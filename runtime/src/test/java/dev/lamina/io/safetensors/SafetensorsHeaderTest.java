package dev.lamina.io.safetensors;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        "f: invalid JSON header: unexpected '}', expected a JSON value at byte 13");
    assertThat(refusal("{} x", 0)).contains("unexpected 'x' after the JSON value at byte 11");
  }

  @Test
  void invalidUtf8InAKey() {
    byte[] header = {'{', '"', (byte) 0xc0, (byte) 0x80, '"', ':', '{', '}', '}'};
    assertThat(refusal(HostileFiles.file(header, new byte[0])))
        .isEqualTo("f: invalid JSON header: invalid UTF-8 byte 0xc0 at byte 10");
  }

  @Test
  void duplicateKeys() {
    String t = "{\"dtype\":\"U8\",\"shape\":[0],\"data_offsets\":[0,0]}";
    assertThat(refusal("{\"a\":" + t + ",\"a\":" + t + "}", 0))
        .contains("duplicate key \"a\" at byte 61");
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
    assertThat(refusal("{\"a\":" + new String(open), 0)).contains("JSON nests deeper than 8 levels");
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
}
