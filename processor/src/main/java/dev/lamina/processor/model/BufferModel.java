package dev.lamina.processor.model;

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
    String init, String dtype, boolean persistent,
    AnnotationValue presentIfValue) implements TensorField {}
