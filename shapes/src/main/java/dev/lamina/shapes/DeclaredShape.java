package dev.lamina.shapes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A declared shape, parsed: the entries of a {@code @Shape} or {@code @Param(shape = ...)}, with
 * {@code "..."} allowed as the first entry for any number of leading dimensions.
 *
 * <pre>{@code
 * DeclaredShape shape = DeclaredShape.of("...", "n", "n/2");
 * shape.dimensions();  // [n, n/2]
 * }</pre>
 */
public final class DeclaredShape {
  private final List<String> entries;
  private final List<Dimension> dimensions;
  private final boolean leadingEllipsis;

  private DeclaredShape(String[] entries) {
    this.entries = List.of(entries);
    this.leadingEllipsis = entries.length > 0 && ShapeSyntax.ELLIPSIS.equals(entries[0].trim());
    List<Dimension> parsed = new ArrayList<>();
    for (int i = leadingEllipsis ? 1 : 0; i < entries.length; i++) {
      try {
        parsed.add(ShapeSyntax.parse(entries[i]));
      } catch (ShapeSyntaxException bad) {
        throw bad.in(entries[i]);
      }
    }
    this.dimensions = Collections.unmodifiableList(parsed);
  }

  /** The shape declared by {@code entries}, outermost first; throws {@link ShapeSyntaxException}. */
  public static DeclaredShape of(String... entries) {
    return new DeclaredShape(entries.clone());
  }

  /** The entries as written. */
  public List<String> entries() {
    return entries;
  }

  /** Whether the first entry is {@code "..."}. */
  public boolean hasLeadingEllipsis() {
    return leadingEllipsis;
  }

  /** The dimensions after any {@code "..."}, parsed. */
  public List<Dimension> dimensions() {
    return dimensions;
  }

  /** The entry of dimension {@code index} as written, without surrounding spaces. */
  public String text(int index) {
    return entries.get(leadingEllipsis ? index + 1 : index).trim();
  }

  /** Whether sizes of {@code rank} dimensions can have this shape. */
  public boolean acceptsRank(int rank) {
    return leadingEllipsis ? rank >= dimensions.size() : rank == dimensions.size();
  }

  @Override
  public String toString() {
    return Arrays.toString(entries.toArray());
  }
}
