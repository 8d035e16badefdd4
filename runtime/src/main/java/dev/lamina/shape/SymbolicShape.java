package dev.lamina.shape;

import dev.lamina.shapes.DeclaredShape;
import java.util.List;

/**
 * A declared shape, as written in {@code @Shape} or {@code @Param(shape = ...)}: integer literals,
 * names, integer arithmetic on them ({@code "n/2"}, {@code "in*in"}), and {@code "..."} as the first
 * entry for any number of leading dimensions. The grammar is {@code lamina-shapes}', the same one
 * the processor checked the declaration with.
 *
 * <p>The processor has already checked the syntax at compile time, so generated code builds these
 * from constants and a parse error here means the runtime was called by hand with a bad entry.
 */
public final class SymbolicShape {
  /** The entry that matches any number of leading dimensions. */
  public static final String ELLIPSIS = "...";

  private final DeclaredShape declared;

  private SymbolicShape(DeclaredShape declared) {
    this.declared = declared;
  }

  /** The shape declared by {@code entries}, outermost first. */
  public static SymbolicShape of(String... entries) {
    return new SymbolicShape(DeclaredShape.of(entries));
  }

  /** The entries as written. */
  public List<String> entries() {
    return declared.entries();
  }

  /** Whether the first entry is {@code "..."}. */
  public boolean hasLeadingEllipsis() {
    return declared.hasLeadingEllipsis();
  }

  DeclaredShape declared() {
    return declared;
  }

  @Override
  public String toString() {
    return declared.toString();
  }
}
