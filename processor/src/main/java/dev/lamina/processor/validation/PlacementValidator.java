package dev.lamina.processor.validation;

import dev.lamina.processor.element.Annotations;
import dev.lamina.processor.element.LayerMembers;
import dev.lamina.processor.element.Names;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reports {@code @Param}, {@code @Buffer} and {@code @Shape} written where the processor would otherwise ignore
 * them: a {@code @Param} outside a {@code @Layer} class, a {@code @Shape} on anything but a
 * layer's {@code forward(Tensor)} or its argument, or on an argument that is not a Tensor.
 */
public final class PlacementValidator {
  private final Types types;
  private final Elements elements;

  public PlacementValidator(Types types, Elements elements) {
    this.types = types;
    this.elements = elements;
  }

  /**
   * Reports a {@code @Param} or {@code @Buffer} (the annotation named {@code annotation}) outside a
   * {@code @Layer} class, unless a {@code @Layer} class inherits it: that layer reports it as
   * inherited, which says more.
   */
  public ValidationReport validateField(Element field, String annotation,
      Set<Element> inheritedByLayers) {
    ValidationReport reporter = new ValidationReport();
    if (inheritedByLayers.contains(field)) {
      return reporter;
    }
    Element owner = field.getEnclosingElement();
    if (owner == null || Annotations.find(owner, Names.LAYER).isEmpty()) {
      reporter.error(field, Annotations.find(field, annotation).orElse(null),
          annotation.equals(Names.BUFFER) ? Diagnostic.BUFFER_OUTSIDE_LAYER
              : Diagnostic.PARAM_OUTSIDE_LAYER,
          owner == null ? "it" : owner.getSimpleName());
    }
    return reporter;
  }

  public ValidationReport validateShape(Element element) {
    ValidationReport reporter = new ValidationReport();
    if (element.getKind() == ElementKind.RECORD_COMPONENT) {
      if (element.asType().getKind() != javax.lang.model.type.TypeKind.ERROR
          && !isTensor(element)) {
        reporter.error(element, Annotations.find(element, Names.SHAPE).orElse(null),
            Diagnostic.SHAPE_NOT_TENSOR, element.getSimpleName(), element.asType());
      }
      return reporter;
    }
    if (isFromRecordComponent(element)) {
      // The copies of a component's @Shape on its accessor and constructor parameter: it is
      // checked once, as the component's.
      return reporter;
    }
    if (element.getKind() == ElementKind.PARAMETER) {
      if (element.asType().getKind() != javax.lang.model.type.TypeKind.ERROR
          && !isTensor(element)) {
        reporter.error(element, Annotations.find(element, Names.SHAPE).orElse(null),
            Diagnostic.SHAPE_NOT_TENSOR, element.getSimpleName(), element.asType());
        return reporter;
      }
      if (!isLayerForward(element.getEnclosingElement())) {
        reporter.error(element, Annotations.find(element, Names.SHAPE).orElse(null),
            Diagnostic.SHAPE_OUTSIDE_FORWARD, describe(element.getEnclosingElement()));
      }
      return reporter;
    }
    if (!isLayerForward(element)) {
      reporter.error(element, Annotations.find(element, Names.SHAPE).orElse(null),
          Diagnostic.SHAPE_OUTSIDE_FORWARD, describe(element));
    }
    return reporter;
  }

  /** Whether {@code element} is a record's accessor or canonical constructor parameter. */
  private static boolean isFromRecordComponent(Element element) {
    Element method = element.getKind() == ElementKind.PARAMETER
        ? element.getEnclosingElement() : element;
    if (method == null || !(method.getEnclosingElement() instanceof TypeElement record)
        || record.getKind() != ElementKind.RECORD) {
      return false;
    }
    boolean accessor = element.getKind() == ElementKind.METHOD
        && ((ExecutableElement) element).getParameters().isEmpty();
    boolean constructorParameter = element.getKind() == ElementKind.PARAMETER
        && method.getKind() == ElementKind.CONSTRUCTOR;
    return (accessor || constructorParameter) && record.getRecordComponents().stream()
        .anyMatch(component -> component.getSimpleName().contentEquals(element.getSimpleName()));
  }

  private boolean isTensor(Element parameter) {
    TypeElement tensor = elements.getTypeElement(Names.TENSOR);
    return tensor != null && types.isSameType(types.erasure(parameter.asType()),
        types.erasure(tensor.asType()));
  }

  private boolean isLayerForward(Element element) {
    if (element == null || element.getKind() != ElementKind.METHOD) {
      return false;
    }
    Element owner = element.getEnclosingElement();
    if (!(owner instanceof TypeElement layer) || Annotations.find(owner, Names.LAYER).isEmpty()) {
      return false;
    }
    return new LayerMembers(layer, types, elements).forward()
        .filter(element::equals).isPresent();
  }

  private static String describe(Element element) {
    if (element == null) {
      return "an unknown element";
    }
    Element owner = element.getEnclosingElement();
    String ownerName = owner == null ? "" : owner.getSimpleName() + ".";
    return ownerName + element.getSimpleName();
  }
}
