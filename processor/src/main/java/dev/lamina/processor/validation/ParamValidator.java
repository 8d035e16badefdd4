package dev.lamina.processor.validation;

import dev.lamina.processor.element.Annotations;
import dev.lamina.processor.element.LayerMembers;
import dev.lamina.processor.element.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.Elements;

/** Checks every {@code @Param} field of a layer: its type, modifiers, shape and presentIf. */
final class ParamValidator {
  private final ErrorReporter reporter;
  private final Elements elements;
  private final LayerMembers members;
  private final ShapeValidator shapes;
  private final String generated;

  ParamValidator(ErrorReporter reporter, Elements elements, LayerMembers members,
      ShapeContext context, String generated) {
    this.reporter = reporter;
    this.elements = elements;
    this.members = members;
    this.shapes = new ShapeValidator(reporter, context);
    this.generated = generated;
  }

  void validateAll() {
    for (VariableElement field : members.paramFields()) {
      validate(field, Annotations.find(field, Names.PARAM).orElseThrow());
    }
  }

  private void validate(VariableElement field, AnnotationMirror param) {
    if (!members.isTensor(field.asType())) {
      reporter.error(field, Diagnostic.PARAM_NOT_TENSOR, field.getSimpleName(), field.asType());
    }
    if (field.getModifiers().contains(Modifier.PRIVATE)) {
      reporter.error(field, Diagnostic.PARAM_PRIVATE, generated);
    }
    if (field.getModifiers().contains(Modifier.STATIC)) {
      reporter.error(field, Diagnostic.PARAM_STATIC, field.getSimpleName());
    }
    if (field.getModifiers().contains(Modifier.FINAL)) {
      reporter.error(field, Diagnostic.PARAM_FINAL, generated);
    }
    Optional<AnnotationValue> shape = Annotations.value(elements, param, "shape");
    if (shape.isPresent()) {
      List<AnnotationValue> items = Annotations.stringItems(shape.get());
      if (items.isEmpty()) {
        reporter.error(field, param, shape.get(), Diagnostic.PARAM_SHAPE_EMPTY,
            field.getSimpleName());
      }
      shapes.validate(field, param, items, ShapeValidator.Site.PARAM);
    }
    Optional<AnnotationValue> presentIf = Annotations.explicitValue(param, "presentIf");
    if (presentIf.isPresent()) {
      validatePresentIf(field, param, presentIf.get());
    }
  }

  private void validatePresentIf(VariableElement field, AnnotationMirror param,
      AnnotationValue value) {
    String name = String.valueOf(value.getValue());
    Optional<VariableElement> flag = members.field(name);
    String problem = null;
    if (flag.isEmpty()) {
      List<String> booleans = new ArrayList<>();
      for (VariableElement candidate : members.fields()) {
        if (candidate.asType().getKind() == TypeKind.BOOLEAN) {
          booleans.add(candidate.getSimpleName().toString());
        }
      }
      problem = "is not a field" + Suggestions.didYouMean(name, booleans);
    } else if (flag.get().asType().getKind() != TypeKind.BOOLEAN) {
      problem = "is " + flag.get().asType();
    } else if (flag.get().getModifiers().contains(Modifier.PRIVATE)) {
      problem = "is private";
    }
    if (problem != null) {
      reporter.error(field, param, value, Diagnostic.PARAM_PRESENT_IF_NOT_BOOLEAN,
          members.layer().getSimpleName(), name, problem);
    }
  }
}
