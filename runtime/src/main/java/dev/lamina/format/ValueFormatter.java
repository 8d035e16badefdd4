package dev.lamina.format;

/**
 * Chooses one notation and one column width for all the values a tensor shows, as PyTorch's
 * {@code _Formatter} does, looking only at the finite non-zero values:
 *
 * <ul>
 *   <li><b>integer</b> mode when they are all whole numbers: {@code 3.}, {@code -0.};
 *   <li><b>scientific</b> mode when max/min of their magnitudes exceeds 1000 or the largest exceeds
 *       1e8, or, for non-integers, the smallest is below 1e-4: {@code 1.0000e-05};
 *   <li>else <b>fixed</b> mode with {@code precision} decimals: {@code 0.1802}.
 * </ul>
 *
 * Every value is right-aligned to the widest finite non-zero value (a minimum of 1); {@code nan},
 * {@code inf} and zeros never widen the column.
 */
final class ValueFormatter {
  private enum Mode { INTEGER, FIXED, SCIENTIFIC }

  private final int precision;
  private final Mode mode;
  private final int width;

  private ValueFormatter(int precision, Mode mode, int width) {
    this.precision = precision;
    this.mode = mode;
    this.width = width;
  }

  /** The formatter for a tensor that shows {@code values} (its summarized values, when summarized). */
  static ValueFormatter forValues(float[] values, int precision) {
    double smallest = Double.POSITIVE_INFINITY;
    double largest = 0;
    boolean integers = true;
    int count = 0;
    for (float v : values) {
      if (v != 0 && Float.isFinite(v)) {
        count++;
        double magnitude = Math.abs((double) v);
        smallest = Math.min(smallest, magnitude);
        largest = Math.max(largest, magnitude);
        integers &= v == Math.ceil(v);
      }
    }
    if (count == 0) {
      return new ValueFormatter(precision, Mode.INTEGER, 1);
    }
    boolean wideRange = largest / smallest > 1000.0 || largest > 1.0e8;
    Mode mode;
    if (integers) {
      mode = wideRange ? Mode.SCIENTIFIC : Mode.INTEGER;
    } else {
      mode = wideRange || smallest < 1.0e-4 ? Mode.SCIENTIFIC : Mode.FIXED;
    }
    ValueFormatter unpadded = new ValueFormatter(precision, mode, 0);
    int width = 1;
    for (float v : values) {
      if (v != 0 && Float.isFinite(v)) {
        width = Math.max(width, unpadded.text(v).length());
      }
    }
    return new ValueFormatter(precision, mode, width);
  }

  /** The column width every formatted value is padded to. */
  int width() {
    return width;
  }

  /** {@code value} in this formatter's notation, padded on the left to {@link #width()}. */
  String format(float value) {
    String text = text(value);
    return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
  }

  private String text(float value) {
    return switch (mode) {
      case SCIENTIFIC -> PythonFloatText.scientific(value, precision);
      case INTEGER -> {
        String whole = PythonFloatText.fixed(value, 0);
        yield Float.isFinite(value) ? whole + "." : whole;
      }
      default -> PythonFloatText.fixed(value, precision);
    };
  }
}
