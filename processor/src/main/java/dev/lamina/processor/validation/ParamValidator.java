package dev.lamina.processor.validation;

import dev.lamina.processor.element.LayerMembers;
import dev.lamina.processor.model.LayerModel;
import dev.lamina.processor.model.ParamModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;

/** Checks every {@code @Param} field of a layer: its type, modifiers, shape and presentIf. */
final class ParamValidator {
  private ParamValidator() {}

  static ValidationReport validate(LayerModel model) {
    ValidationReport report = new ValidationReport();
    for (ParamModel param : model.params()) {
      validate(report, model, param);
    }
    return report;
  }

  private static void validate(ValidationReport report, LayerModel model, ParamModel param) {
    VariableElement field = param.field();
    String generated = model.generatedName();
    if (!model.members().isTensor(field.asType())) {
      report.error(field, Diagnostic.PARAM_NOT_TENSOR, field.getSimpleName(), field.asType());
    }
    if (field.getModifiers().contains(Modifier.PRIVATE)) {
      report.error(field, Diagnostic.PARAM_PRIVATE, generated);
    }
    if (field.getModifiers().contains(Modifier.STATIC)) {
      report.error(field, Diagnostic.PARAM_STATIC, field.getSimpleName());
    }
    if (field.getModifiers().contains(Modifier.FINAL)) {
      report.error(field, Diagnostic.PARAM_FINAL, generated);
    }
    if (param.shape() != null) {
      if (param.shape().entries().isEmpty()) {
        report.error(field, param.annotation(), param.shape().value(),
            Diagnostic.PARAM_SHAPE_EMPTY, field.getSimpleName());
      }
      ShapeValidator.validate(report, model, param.shape(), ShapeValidator.Site.PARAM);
    }
    if (param.presentIfValue() != null) {
      validatePresentIf(report, model.members(), "Param", param.field(), param.annotation(),
          param.presentIfValue());
    }
  }

  /** Checks that {@code presentIf} names a non-private boolean field of the layer. */
  static void validatePresentIf(ValidationReport report, LayerMembers members, String annotationName,
      VariableElement field, AnnotationMirror annotation, AnnotationValue presentIf) {
    String name = String.valueOf(presentIf.getValue());
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
      report.error(field, annotation, presentIf, Diagnostic.PARAM_PRESENT_IF_NOT_BOOLEAN,
          annotationName, members.layer().getSimpleName(), name, problem);
    }
  }
}
