package dev.lamina.processor.validation;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * One error or warning found by validation, with the most specific place to show it: the annotation value
 * when there is one, else the annotation, else the element.
 *
 * @param diagnostic the catalog entry
 * @param arguments what fills its template
 * @param element where it is
 * @param annotation the annotation on {@code element} it is about, or null
 * @param value the value of that annotation it is about, or null
 */
public record Finding(Diagnostic diagnostic, List<Object> arguments, Element element,
    AnnotationMirror annotation, AnnotationValue value) {

  /** The complete message: {@code [ParamNotTensor] @Param field must be a Tensor, but ...}. */
  public String message() {
    return diagnostic.format(arguments.toArray());
  }
}
