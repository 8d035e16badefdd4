package dev.lamina.processor.model;

import dev.lamina.processor.element.StateNames;
import dev.lamina.shapes.Dimension;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.VariableElement;

/**
 * One {@code @Buffer} field, as validation checks it and the writers generate it.
 *
 * @param field the field
 * @param annotation its {@code @Buffer}
 * @param shape its shape, or null when the attribute does not resolve
 * @param init the {@code Init} constant's name
 * @param dtype the {@code DType} constant's name
 * @param persistent whether it is saved and loaded
 * @param presentIfValue the explicit {@code presentIf} value, or null
 */
public record BufferModel(VariableElement field, AnnotationMirror annotation, ShapeModel shape,
    String init, String dtype, boolean persistent, AnnotationValue presentIfValue) {

  /** The field's name. */
  public String name() {
    return field.getSimpleName().toString();
  }

  /** The name in state dicts and files: {@code running_mean} for {@code runningMean}. */
  public String key() {
    return StateNames.of(name());
  }

  /** The boolean field that decides whether the layer has it, or null. */
  public String presentIf() {
    return presentIfValue == null ? null : String.valueOf(presentIfValue.getValue());
  }

  /** The shape as written, without surrounding spaces. */
  public List<String> entries() {
    return shape == null ? List.of() : shape.texts();
  }

  /** The shape, parsed. */
  public List<Dimension> dimensions() {
    return shape == null ? List.of() : shape.dimensions();
  }
}
