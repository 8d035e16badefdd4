package dev.lamina.processor.model;

import dev.lamina.processor.element.StateNames;
import dev.lamina.shapes.Dimension;
import java.util.List;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.VariableElement;

/** A tensor field a layer registers, a {@code @Param} or a {@code @Buffer}: what the two share. */
public interface TensorField {
  /** The field. */
  VariableElement field();

  /** Its shape, or null when the attribute does not resolve. */
  ShapeModel shape();

  /** The explicit {@code presentIf} value, or null. */
  AnnotationValue presentIfValue();

  /** The field's name. */
  default String name() {
    return field().getSimpleName().toString();
  }

  /** The name in state dicts and files: {@code weight_ih} for {@code weightIh}. */
  default String key() {
    return StateNames.of(name());
  }

  /** The boolean field that decides whether the layer has it, or null. */
  default String presentIf() {
    return presentIfValue() == null ? null : String.valueOf(presentIfValue().getValue());
  }

  /** The shape as written, without surrounding spaces. */
  default List<String> entries() {
    return shape() == null ? List.of() : shape().texts();
  }

  /** The shape, parsed. */
  default List<Dimension> dimensions() {
    return shape() == null ? List.of() : shape().dimensions();
  }
}
