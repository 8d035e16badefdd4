package dev.lamina.io.safetensors;

import static com.google.common.truth.Truth.assertWithMessage;

import org.junit.jupiter.api.Test;

class HalfFloatsTest {
  /** binary16 by its definition: (-1)^s * 2^(e-15) * (1 + m/1024), subnormals 2^-14 * m/1024. */
  private static double byDefinition(int bits) {
    int s = bits >>> 15;
    int e = (bits >>> 10) & 0x1f;
    int m = bits & 0x3ff;
    double sign = s == 0 ? 1 : -1;
    if (e == 31) {
      return m == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
    }
    if (e == 0) {
      return sign * Math.pow(2, -14) * (m / 1024.0);
    }
    return sign * Math.pow(2, e - 15) * (1 + m / 1024.0);
  }

  @Test
  void everyBitPatternConvertsExactly() {
    for (int bits = 0; bits < 65536; bits++) {
      float actual = HalfFloats.toFloat((short) bits);
      double expected = byDefinition(bits);
      if (Double.isNaN(expected)) {
        assertWithMessage("0x%s", Integer.toHexString(bits)).that(Float.isNaN(actual)).isTrue();
      } else {
        assertWithMessage("0x%s", Integer.toHexString(bits)).that((double) actual).isEqualTo(expected);
        // -0 stays negative.
        assertWithMessage("sign of 0x%s", Integer.toHexString(bits))
            .that(Math.copySign(1f, actual)).isEqualTo(bits >>> 15 == 0 ? 1f : -1f);
      }
    }
  }
}
