package dev.lamina.processor.model;

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
    String init, AnnotationValue presentIfValue, String fanSource, boolean inferred)
    implements TensorField {}
