package dev.lamina.shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A declared shape, as written in {@code @Shape} or {@code @Param(shape = ...)}: integer literals,
 * names, integer arithmetic on them ({@code "n/2"}, {@code "in*in"}), and {@code "..."} as the first
 * entry for any number of leading dimensions.
 *
 * <p>The processor has already checked the syntax at compile time, so generated code builds these
 * from constants and a parse error here means the runtime was called by hand with a bad entry.
 */
public final class SymbolicShape {
  /** The entry that matches any number of leading dimensions. */
  public static final String ELLIPSIS = "...";

  private final List<String> entries;
  private final List<DimensionExpression> dimensions;
  private final boolean leadingEllipsis;

  private SymbolicShape(String[] entries) {
    this.entries = List.of(entries);
    this.leadingEllipsis = entries.length > 0 && ELLIPSIS.equals(entries[0]);
    List<DimensionExpression> parsed = new ArrayList<>();
    for (int i = leadingEllipsis ? 1 : 0; i < entries.length; i++) {
      parsed.add(DimensionExpression.parse(entries[i]));
    }
    this.dimensions = Collections.unmodifiableList(parsed);
  }

  /** The shape declared by {@code entries}, outermost first. */
  public static SymbolicShape of(String... entries) {
    return new SymbolicShape(entries.clone());
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
  List<DimensionExpression> dimensions() {
    return dimensions;
  }

  /** Whether a tensor of {@code rank} dimensions can have this shape. */
  boolean acceptsRank(int rank) {
    return leadingEllipsis ? rank >= dimensions.size() : rank == dimensions.size();
  }

  /** The entries with what each is bound to: {@code [batch, inUnits=5]}. */
  String describe(ShapeBindings bindings) {
    List<String> parts = new ArrayList<>();
    if (leadingEllipsis) {
      parts.add(ELLIPSIS);
    }
    for (DimensionExpression dimension : dimensions) {
      Integer value = dimension.evaluate(bindings::valueOf);
      if (value == null || dimension.isLiteral()) {
        parts.add(dimension.text());
      } else {
        parts.add(dimension.text() + "=" + value);
      }
    }
    return parts.toString();
  }

  @Override
  public String toString() {
    return Arrays.toString(entries.toArray());
  }
}
