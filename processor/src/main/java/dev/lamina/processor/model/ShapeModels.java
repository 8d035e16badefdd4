package dev.lamina.processor.model;

import dev.lamina.processor.element.Annotations;
import dev.lamina.processor.element.Names;
import dev.lamina.shapes.ShapeSyntax;
import dev.lamina.shapes.ShapeSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.util.Elements;

/** Reads shape annotations into {@link ShapeModel}s: the one place where entries are parsed. */
final class ShapeModels {
  private final Elements elements;

  ShapeModels(Elements elements) {
    this.elements = elements;
  }

  /** The {@code @Shape} of {@code element}, or null when it has none or its value does not resolve. */
  ShapeModel shapeAnnotation(Element element) {
    if (element == null) {
      return null;
    }
    Optional<AnnotationMirror> shape = Annotations.find(element, Names.SHAPE);
    return shape.isEmpty() ? null : read(element, shape.get(), "value");
  }

  /** The {@code attribute} of {@code annotation} on {@code element}, or null when it does not resolve. */
  ShapeModel read(Element element, AnnotationMirror annotation, String attribute) {
    Optional<AnnotationValue> value = Annotations.value(elements, annotation, attribute);
    if (value.isEmpty()) {
      return null;
    }
    List<ShapeEntry> entries = new ArrayList<>();
    for (AnnotationValue item : Annotations.stringItems(value.get())) {
      entries.add(entry(item));
    }
    return new ShapeModel(element, annotation, value.get(), List.copyOf(entries));
  }

  private static ShapeEntry entry(AnnotationValue item) {
    String written = String.valueOf(item.getValue());
    if (ShapeSyntax.ELLIPSIS.equals(written)) {
      return new ShapeEntry(item, written, null, null);
    }
    try {
      return new ShapeEntry(item, written, ShapeSyntax.parse(written), null);
    } catch (ShapeSyntaxException bad) {
      return new ShapeEntry(item, written, null, bad.getMessage());
    }
  }
}
