package dev.lamina.shapes.rules;

import dev.lamina.shapes.DeclaredShape;
import dev.lamina.shapes.Dimension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The shape of a value as a checker follows it: its sizes, each {@link SymbolicSize}, maybe after
 * leading dimensions of unknown number ({@code [..., inFeatures]}), or nothing known at all.
 */
public final class TracedShape {
  private static final TracedShape UNKNOWN = new TracedShape(true, List.of(), false);

  private final boolean openPrefix;
  private final List<SymbolicSize> sizes;
  private final boolean known;

  private TracedShape(boolean openPrefix, List<SymbolicSize> sizes, boolean known) {
    this.openPrefix = openPrefix;
    this.sizes = Collections.unmodifiableList(new ArrayList<>(sizes));
    this.known = known;
  }

  /** A shape nothing is known about. */
  public static TracedShape unknown() {
    return UNKNOWN;
  }

  /** Exactly {@code sizes}. */
  public static TracedShape of(List<SymbolicSize> sizes) {
    return new TracedShape(false, sizes, true);
  }

  /** Exactly the literal {@code sizes}: a shape as it is at run time. */
  public static TracedShape of(int... sizes) {
    List<SymbolicSize> out = new ArrayList<>(sizes.length);
    for (int size : sizes) {
      out.add(SymbolicSize.of(size));
    }
    return new TracedShape(false, out, true);
  }

  /** {@code sizes} after leading dimensions of unknown number. */
  public static TracedShape trailing(List<SymbolicSize> sizes) {
    return new TracedShape(true, sizes, true);
  }

  /** A declared shape: {@code "..."} first makes the prefix open. */
  public static TracedShape of(DeclaredShape declared) {
    List<SymbolicSize> sizes = new ArrayList<>();
    for (Dimension dimension : declared.dimensions()) {
      sizes.add(SymbolicSize.of(dimension));
    }
    return declared.hasLeadingEllipsis() ? trailing(sizes) : of(sizes);
  }

  /**
   * The sizes as ints when the shape is exact and every size a literal that fits one (a run-time
   * shape); else null.
   */
  public int[] literalSizes() {
    if (!hasRank()) {
      return null;
    }
    int[] out = new int[sizes.size()];
    for (int i = 0; i < out.length; i++) {
      Long value = sizes.get(i).literal();
      if (value == null || value < 0 || value > Integer.MAX_VALUE) {
        return null;
      }
      out[i] = value.intValue();
    }
    return out;
  }

  /** Whether anything is known. */
  public boolean isKnown() {
    return known;
  }

  /** Whether the number of dimensions is known. */
  public boolean hasRank() {
    return known && !openPrefix;
  }

  /** Whether there are leading dimensions of unknown number. */
  public boolean hasOpenPrefix() {
    return openPrefix;
  }

  /** The rank, when {@link #hasRank()}. */
  public int rank() {
    return sizes.size();
  }

  /** The known sizes: all of them, or the trailing ones after an open prefix. */
  public List<SymbolicSize> sizes() {
    return sizes;
  }

  /**
   * The size at {@code dim}, negative from the end as in PyTorch; unknown where the open prefix
   * hides it. Only for a {@code dim} in range ({@link #inRange}).
   */
  public SymbolicSize size(int dim) {
    if (dim < 0) {
      int fromEnd = sizes.size() + dim;
      return fromEnd >= 0 ? sizes.get(fromEnd) : SymbolicSize.unknown();
    }
    return openPrefix ? SymbolicSize.unknown() : sizes.get(dim);
  }

  /**
   * Whether {@code dim} is provably in range, {@code false} when it is provably out of range, or
   * null when the open prefix leaves it open.
   */
  public Boolean inRange(int dim) {
    if (!known) {
      return null;
    }
    if (!openPrefix) {
      return dim >= -sizes.size() && dim < sizes.size();
    }
    return dim < 0 && -dim <= sizes.size() ? Boolean.TRUE : null;
  }

  @Override
  public String toString() {
    if (!known) {
      return "[?]";
    }
    List<String> parts = new ArrayList<>();
    if (openPrefix) {
      parts.add("...");
    }
    for (SymbolicSize size : sizes) {
      parts.add(size.toString());
    }
    return "[" + String.join(", ", parts) + "]";
  }
}
