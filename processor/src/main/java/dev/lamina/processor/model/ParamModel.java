package dev.lamina.processor.model;

import dev.lamina.processor.element.StateNames;
import dev.lamina.shapes.Dimension;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.VariableElement;

/**
 * One {@code @Param} field, as validation checks it and the writers generate it.
 *
 * @param field the field
 * @param annotation its {@code @Param}
 * @param shape its shape, or null when the attribute does not resolve
 * @param init the {@code Init} constant's name
 * @param presentIfValue the explicit {@code presentIf} value, or null
 * @param fanSource the parameter whose shape gives this one's fans (a bias takes its weight's), or null
 * @param inferred whether it is allocated on the first call, because its shape or its fan source
 *     uses a name that only forward's argument binds
 */
public record ParamModel(VariableElement field, AnnotationMirror annotation, ShapeModel shape,
    String init, AnnotationValue presentIfValue, String fanSource, boolean inferred) {

  /** The field's name. */
  public String name() {
    return field.getSimpleName().toString();
  }

  /** The name in state dicts and files: {@code weight_ih} for {@code weightIh}. */
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
