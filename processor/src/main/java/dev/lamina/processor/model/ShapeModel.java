package dev.lamina.processor.model;

import dev.lamina.shapes.Dimension;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * A shape as declared by one annotation: {@code @Param(shape = ...)} on a field, or {@code @Shape}
 * on forward or its argument, with each entry parsed once.
 *
 * @param element the annotated element
 * @param annotation the annotation
 * @param value the annotation's shape attribute, where errors about the whole shape point
 * @param entries the entries in order
 */
public record ShapeModel(Element element, AnnotationMirror annotation, AnnotationValue value,
    List<ShapeEntry> entries) {

  /** The entries without surrounding spaces. */
  public List<String> texts() {
    List<String> out = new ArrayList<>();
    for (ShapeEntry entry : entries) {
      out.add(entry.text());
    }
    return out;
  }

  /** The parsed entries other than {@code "..."}; complete only for a shape without syntax errors. */
  public List<Dimension> dimensions() {
    List<Dimension> out = new ArrayList<>();
    for (ShapeEntry entry : entries) {
      if (entry.dimension() != null) {
        out.add(entry.dimension());
      }
    }
    return out;
  }
}
