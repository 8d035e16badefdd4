package dev.lamina.format;

import java.util.ArrayList;
import java.util.List;

/**
 * The bracketed body of a printed tensor, laid out as PyTorch lays it out: nested brackets, rows of
 * numbers wrapped to the line width, and between blocks of rank {@code r} a comma, {@code r - 1} line
 * breaks and the indentation of the next block. A summarized tensor shows only its first and last
 * {@code edgeItems} entries along every dimension longer than {@code 2 * edgeItems}, with
 * {@code ...} in between.
 */
final class TensorText {
  /** Marks the hidden middle of a summarized dimension in {@link #shownIndices}. */
  private static final int GAP = -1;

  private final float[] values;
  private final int[] shape;
  private final int[] strides;
  private final PrintOptions options;
  private final boolean summarize;
  private final ValueFormatter formatter;

  private TensorText(float[] values, int[] shape, PrintOptions options) {
    this.values = values;
    this.shape = shape;
    this.options = options;
    this.strides = new int[shape.length];
    for (int d = shape.length - 1, stride = 1; d >= 0; d--) {
      strides[d] = stride;
      stride *= shape[d];
    }
    this.summarize = values.length > options.threshold();
    float[] shown = summarize ? shownValues() : values;
    this.formatter = ValueFormatter.forValues(shown, options.precision());
  }

  /**
   * The body for the row-major {@code values} of a non-empty tensor of {@code shape}, whose first
   * line starts at column {@code indent}.
   */
  static String render(float[] values, int[] shape, PrintOptions options, int indent) {
    TensorText text = new TensorText(values, shape, options);
    if (shape.length == 0) {
      return text.formatter.format(values[0]);
    }
    return text.block(0, 0, indent);
  }

  private String block(int dim, int offset, int indent) {
    if (dim == shape.length - 1) {
      return row(offset, indent);
    }
    List<String> slices = new ArrayList<>();
    for (int i : shownIndices(shape[dim])) {
      slices.add(i == GAP ? "..." : block(dim + 1, offset + i * strides[dim], indent + 1));
    }
    String separator = "," + "\n".repeat(shape.length - dim - 1) + " ".repeat(indent + 1);
    return "[" + String.join(separator, slices) + "]";
  }

  private String row(int offset, int indent) {
    int stride = strides[shape.length - 1];
    List<String> items = new ArrayList<>();
    for (int i : shownIndices(shape[shape.length - 1])) {
      items.add(i == GAP ? " ..." : formatter.format(values[offset + i * stride]));
    }
    int perLine = Math.max(1, Math.floorDiv(options.lineWidth() - indent, formatter.width() + 2));
    List<String> lines = new ArrayList<>();
    for (int start = 0; start < items.size(); start += perLine) {
      lines.add(String.join(", ", items.subList(start, Math.min(items.size(), start + perLine))));
    }
    return "[" + String.join(",\n" + " ".repeat(indent + 1), lines) + "]";
  }

  /**
   * The indices shown along a dimension of {@code size}, with {@link #GAP} where a summary hides
   * the middle ones.
   */
  private int[] shownIndices(int size) {
    int edge = options.edgeItems();
    if (!summarize || size <= 2 * edge) {
      int[] all = new int[size];
      for (int i = 0; i < size; i++) {
        all[i] = i;
      }
      return all;
    }
    int[] shown = new int[2 * edge + 1];
    for (int i = 0; i < edge; i++) {
      shown[i] = i;
      shown[edge + 1 + i] = size - edge + i;
    }
    shown[edge] = GAP;
    return shown;
  }

  /** The values a summarized tensor shows, which alone decide its notation and width. */
  private float[] shownValues() {
    List<Float> shown = new ArrayList<>();
    collectShown(0, 0, shown);
    float[] result = new float[shown.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = shown.get(i);
    }
    return result;
  }

  private void collectShown(int dim, int offset, List<Float> shown) {
    if (dim == shape.length) {
      shown.add(values[offset]);
      return;
    }
    for (int i : shownIndices(shape[dim])) {
      if (i != GAP) {
        collectShown(dim + 1, offset + i * strides[dim], shown);
      }
    }
  }
}
