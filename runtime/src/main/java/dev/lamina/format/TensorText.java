package dev.lamina.format;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The bracketed body of a printed tensor, laid out as PyTorch lays it out: nested brackets, rows of
 * numbers wrapped to the line width, and between blocks of rank {@code r} a comma, {@code r - 1} line
 * breaks and the indentation of the next block. A summarized tensor shows only its first and last
 * {@code edgeItems} entries along every dimension longer than {@code 2 * edgeItems}, with
 * {@code ...} in between.
 *
 * <p>Every element is shown at one width, decided by the values shown: for float32 by
 * {@link ValueFormatter}; for int64 and bool, as PyTorch's {@code _Formatter} does for
 * non-floating types, by the longest {@code str(value)} ({@code 200}, {@code False}), so
 * {@code tensor([ True, False])}.
 */
final class TensorText {
  /** Marks the hidden middle of a summarized dimension in {@link #shownIndices}. */
  private static final int GAP = -1;

  private final int[] shape;
  private final int[] strides;
  private final PrintOptions options;
  private final boolean summarize;
  /** The text of element {@code i} (row-major), padded on the left to the common width. */
  private IntFunction<String> cell;
  private int width;

  private TensorText(int count, int[] shape, PrintOptions options) {
    this.shape = shape;
    this.options = options;
    this.strides = new int[shape.length];
    for (int d = shape.length - 1, stride = 1; d >= 0; d--) {
      strides[d] = stride;
      stride *= shape[d];
    }
    this.summarize = count > options.threshold();
  }

  /**
   * The body for the row-major {@code values} of a non-empty tensor of {@code shape}, whose first
   * line starts at column {@code indent}.
   */
  static String render(float[] values, int[] shape, PrintOptions options, int indent) {
    TensorText text = new TensorText(values.length, shape, options);
    float[] shown = values;
    if (text.summarize) {
      int[] positions = text.shownPositions();
      shown = new float[positions.length];
      for (int i = 0; i < shown.length; i++) {
        shown[i] = values[positions[i]];
      }
    }
    ValueFormatter formatter = ValueFormatter.forValues(shown, options.precision());
    text.width = formatter.width();
    text.cell = i -> formatter.format(values[i]);
    return text.body(indent);
  }

  /** As {@link #render(float[], int[], PrintOptions, int)}, for int64 values: {@code [ -1, 200]}. */
  static String render(long[] values, int[] shape, PrintOptions options, int indent) {
    return plain(values.length, i -> Long.toString(values[i]), shape, options, indent);
  }

  /** As {@link #render(float[], int[], PrintOptions, int)}, for bool values: {@code [ True, False]}. */
  static String render(boolean[] values, int[] shape, PrintOptions options, int indent) {
    return plain(values.length, i -> values[i] ? "True" : "False", shape, options, indent);
  }

  private static String plain(int count, IntFunction<String> text, int[] shape,
      PrintOptions options, int indent) {
    TensorText layout = new TensorText(count, shape, options);
    int widest = 1;
    if (layout.summarize) {
      for (int i : layout.shownPositions()) {
        widest = Math.max(widest, text.apply(i).length());
      }
    } else {
      for (int i = 0; i < count; i++) {
        widest = Math.max(widest, text.apply(i).length());
      }
    }
    int padded = widest;
    layout.width = padded;
    layout.cell = i -> {
      String s = text.apply(i);
      return s.length() >= padded ? s : " ".repeat(padded - s.length()) + s;
    };
    return layout.body(indent);
  }

  private String body(int indent) {
    return shape.length == 0 ? cell.apply(0) : block(0, 0, indent);
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
      items.add(i == GAP ? " ..." : cell.apply(offset + i * stride));
    }
    int perLine = Math.max(1, Math.floorDiv(options.lineWidth() - indent, width + 2));
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

  /** The positions of the values a summarized tensor shows, which alone decide its notation and width. */
  private int[] shownPositions() {
    List<Integer> shown = new ArrayList<>();
    collectShown(0, 0, shown);
    return shown.stream().mapToInt(Integer::intValue).toArray();
  }

  private void collectShown(int dim, int offset, List<Integer> shown) {
    if (dim == shape.length) {
      shown.add(offset);
      return;
    }
    for (int i : shownIndices(shape[dim])) {
      if (i != GAP) {
        collectShown(dim + 1, offset + i * strides[dim], shown);
      }
    }
  }
}
