package dev.lamina.processor.element;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/** Reads annotations by qualified name, with their defaults. */
public final class Annotations {
  private Annotations() {}

  /** The annotation named {@code qualifiedName} on {@code element}, if present. */
  public static Optional<AnnotationMirror> find(Element element, String qualifiedName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(qualifiedName)) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  /** The value of {@code attribute}, explicit or default; empty when the annotation does not resolve. */
  public static Optional<AnnotationValue> value(
      Elements elements, AnnotationMirror mirror, String attribute) {
    Map<? extends ExecutableElement, ? extends AnnotationValue> values =
        elements.getElementValuesWithDefaults(mirror);
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry : values.entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(attribute)) {
        return Optional.ofNullable(entry.getValue());
      }
    }
    return Optional.empty();
  }

  /** The value written explicitly for {@code attribute}, if any: the place to point errors at. */
  public static Optional<AnnotationValue> explicitValue(AnnotationMirror mirror, String attribute) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
        : mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(attribute)) {
        return Optional.of(entry.getValue());
      }
    }
    return Optional.empty();
  }

  /**
   * The items of a {@code String[]} attribute, each with its own value so that an error can point
   * at one item. A single string written without braces comes back as a one-item list.
   */
  public static List<AnnotationValue> stringItems(AnnotationValue value) {
    Object raw = value.getValue();
    if (raw instanceof List) {
      @SuppressWarnings("unchecked")
      List<AnnotationValue> items = (List<AnnotationValue>) raw;
      return items;
    }
    return List.of(value);
  }
}
