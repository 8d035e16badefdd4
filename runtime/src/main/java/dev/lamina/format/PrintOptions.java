package dev.lamina.format;

/**
 * How tensors are printed; {@link #DEFAULT} is PyTorch's default ({@code torch.set_printoptions()}).
 *
 * @param precision digits after the decimal point in fixed and scientific notation
 * @param threshold tensors with more elements than this are summarized with {@code ...}
 * @param edgeItems how many leading and trailing entries per dimension a summary keeps
 * @param lineWidth the column at which rows of numbers wrap
 */
public record PrintOptions(int precision, int threshold, int edgeItems, int lineWidth) {
  /** Precision 4, threshold 1000, 3 edge items, 80 columns. */
  public static final PrintOptions DEFAULT = new PrintOptions(4, 1000, 3, 80);

  public PrintOptions {
    if (precision < 0 || threshold < 0 || edgeItems < 1 || lineWidth < 1) {
      throw new IllegalArgumentException(
          "PrintOptions: precision and threshold must be >= 0, edgeItems and lineWidth >= 1, got "
              + precision + ", " + threshold + ", " + edgeItems + ", " + lineWidth);
    }
  }
}
