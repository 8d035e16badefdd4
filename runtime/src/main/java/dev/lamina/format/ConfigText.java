package dev.lamina.format;

import java.math.BigDecimal;

/**
 * A hyperparameter's value as PyTorch's {@code extra_repr} shows it, for a module's
 * {@code toString}: {@code eps=1e-05}, {@code affine=True}, {@code kernel_size=(3, 3)}. Floats and
 * doubles are Python's {@code repr} of the shortest decimal that reads back the same value
 * ({@code 0.1}, {@code 1e-05}, {@code 100.0}); booleans {@code True} and {@code False}; int arrays
 * Python tuples ({@code (3,)} for one); strings quoted and escaped as Python's {@code repr}
 * ({@code 'zeros'}); enum constants by name; null {@code None}.
 */
public final class ConfigText {
  /** Python writes a float in exponent form when its decimal point is this far left or right. */
  private static final int SMALLEST_FIXED_POINT = -3;
  private static final int LARGEST_FIXED_POINT = 16;

  private ConfigText() {}

  /** {@code value} as PyTorch would print it. */
  public static String of(Object value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof Boolean flag) {
      return flag ? "True" : "False";
    }
    if (value instanceof Float number) {
      return floatRepr(number.floatValue(), Float.toString(number));
    }
    if (value instanceof Double number) {
      return floatRepr(number.doubleValue(), Double.toString(number));
    }
    if (value instanceof int[] ints) {
      return tuple(ints);
    }
    if (value instanceof String text) {
      return stringRepr(text);
    }
    if (value instanceof Enum<?> constant) {
      return constant.name();
    }
    return String.valueOf(value);
  }

  /** {@code (3, 3)}, {@code (3,)}, {@code ()}: Python's repr of a tuple of ints. */
  static String tuple(int[] values) {
    StringBuilder out = new StringBuilder("(");
    for (int i = 0; i < values.length; i++) {
      out.append(i == 0 ? "" : ", ").append(values[i]);
    }
    return out.append(values.length == 1 ? ",)" : ")").toString();
  }

  /**
   * Python's {@code repr} of the float whose shortest decimal is {@code shortest} (Java's
   * {@code toString} of it): the same digits, laid out as Python does.
   */
  static String floatRepr(double value, String shortest) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    String sign = Double.doubleToRawLongBits(value) < 0 ? "-" : "";
    if (value == 0) {
      return sign + "0.0";
    }
    BigDecimal decimal = new BigDecimal(shortest).abs().stripTrailingZeros();
    String digits = decimal.unscaledValue().toString();
    // value = 0.<digits> * 10^point
    int point = digits.length() - decimal.scale();
    if (point < SMALLEST_FIXED_POINT || point > LARGEST_FIXED_POINT) {
      int exponent = point - 1;
      String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      String exponentDigits = Integer.toString(Math.abs(exponent));
      return sign + mantissa + (exponent < 0 ? "e-" : "e+")
          + (exponentDigits.length() < 2 ? "0" : "") + exponentDigits;
    }
    if (point <= 0) {
      return sign + "0." + "0".repeat(-point) + digits;
    }
    if (point >= digits.length()) {
      return sign + digits + "0".repeat(point - digits.length()) + ".0";
    }
    return sign + digits.substring(0, point) + "." + digits.substring(point);
  }

  /**
   * Python's {@code repr} of a string: in single quotes, or double when it holds a single quote and
   * no double one; backslashes, that quote, and characters Python does not print escaped.
   */
  static String stringRepr(String text) {
    char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder out = new StringBuilder().append(quote);
    text.codePoints().forEach(c -> {
      if (c == quote || c == '\\') {
        out.append('\\').appendCodePoint(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (printable(c)) {
        out.appendCodePoint(c);
      } else if (c < 0x100) {
        out.append(String.format("\\x%02x", c));
      } else if (c < 0x10000) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.append(String.format("\\U%08x", c));
      }
    });
    return out.append(quote).toString();
  }

  /** Python's {@code str.isprintable} for one character: no control, format, separator but space. */
  private static boolean printable(int c) {
    if (c == ' ') {
      return true;
    }
    return switch (Character.getType(c)) {
      case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
          Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
          Character.SPACE_SEPARATOR -> false;
      default -> true;
    };
  }
}
