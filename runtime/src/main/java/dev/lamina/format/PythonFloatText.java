package dev.lamina.format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's text for a {@code float} (a double) in the presentation types PyTorch prints with:
 * {@code "{:.Nf}"} and {@code "{:.Ne}"}.
 *
 * <p>Python rounds the exact binary value correctly, ties to even ({@code "{:.4f}"} of 0.03125 is
 * {@code 0.0312}), keeps the sign of negative zero and of negatives that round to zero, writes at
 * least two exponent digits ({@code 1.0000e-05}), and spells non-finite values {@code nan},
 * {@code inf}, {@code -inf}. {@link String#format} rounds ties up, hence this class.
 */
final class PythonFloatText {
  private PythonFloatText() {}

  /** {@code "{:.<digits>f}".format(value)}. */
  static String fixed(double value, int digits) {
    if (!Double.isFinite(value)) {
      return nonFinite(value);
    }
    String magnitude =
        new BigDecimal(Math.abs(value)).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
    return sign(value) + magnitude;
  }

  /** {@code "{:.<digits>e}".format(value)}: one digit, a point, {@code digits} digits, the exponent. */
  static String scientific(double value, int digits) {
    if (!Double.isFinite(value)) {
      return nonFinite(value);
    }
    String mantissa;
    int exponent;
    double magnitude = Math.abs(value);
    if (magnitude == 0) {
      mantissa = "0".repeat(digits + 1);
      exponent = 0;
    } else {
      BigDecimal rounded =
          new BigDecimal(magnitude).round(new MathContext(digits + 1, RoundingMode.HALF_EVEN));
      String unscaled = rounded.unscaledValue().toString();
      exponent = unscaled.length() - 1 - rounded.scale();
      mantissa = (unscaled + "0".repeat(digits + 1)).substring(0, digits + 1);
    }
    StringBuilder text = new StringBuilder(sign(value)).append(mantissa.charAt(0));
    if (digits > 0) {
      text.append('.').append(mantissa, 1, digits + 1);
    }
    String exponentDigits = Integer.toString(Math.abs(exponent));
    return text.append(exponent < 0 ? "e-" : "e+")
        .append(exponentDigits.length() < 2 ? "0" : "")
        .append(exponentDigits)
        .toString();
  }

  private static String sign(double value) {
    return Double.doubleToRawLongBits(value) < 0 ? "-" : "";
  }

  private static String nonFinite(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    return value > 0 ? "inf" : "-inf";
  }
}
