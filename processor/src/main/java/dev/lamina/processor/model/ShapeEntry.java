package dev.lamina.processor.model;

import dev.lamina.shapes.Dimension;
import dev.lamina.shapes.ShapeSyntax;
import javax.lang.model.element.AnnotationValue;

/**
 * One entry of a shape annotation, parsed once: the value to point errors at, the text as written,
 * and either its dimension tree, or why it does not parse. {@code "..."} has neither.
 *
 * @param value the annotation value of this entry
 * @param written the entry exactly as written
 * @param dimension the parsed entry, or null for {@code "..."} and for an entry that does not parse
 * @param syntaxError why it does not parse, or null
 */
public record ShapeEntry(AnnotationValue value, String written, Dimension dimension,
    String syntaxError) {

  /** Whether the entry is {@code "..."}. */
  public boolean isEllipsis() {
    return ShapeSyntax.ELLIPSIS.equals(written);
  }

  /** The entry without surrounding spaces, as generated code repeats it. */
  public String text() {
    return written.trim();
  }
}
