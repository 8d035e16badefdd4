package dev.lamina.processor.validation;

import dev.lamina.processor.element.Annotations;
import dev.lamina.processor.element.Names;
import dev.lamina.processor.model.ForwardModel;
import dev.lamina.processor.model.LayerModel;
import dev.lamina.processor.model.ParamModel;
import dev.lamina.shapes.Dimension;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;

/** Checks the {@code forward} a layer's generated class overrides, its arguments and their shapes. */
final class ForwardValidator {
  private ForwardValidator() {}

  static ValidationReport validate(LayerModel model) {
    ValidationReport report = new ValidationReport();
    ForwardModel forward = model.forward();
    ExecutableElement method = forward.method();
    if (method == null || method.getModifiers().contains(Modifier.ABSTRACT)) {
      return report.error(model.element(), Diagnostic.FORWARD_MISSING, model.displayName());
    }
    if (forward.recordOutput() != null) {
      RecordOutputValidator.validate(report, model);
    } else if (!model.members().isTensor(method.getReturnType())) {
      report.error(method, Diagnostic.FORWARD_NOT_TENSOR, model.displayName() + ".forward",
          method.getReturnType());
    }
    if (method.getModifiers().contains(Modifier.FINAL)) {
      report.error(method, Diagnostic.FORWARD_FINAL, model.generatedName());
    }
    if (method.getParameters().isEmpty()) {
      report.error(method, Diagnostic.FORWARD_NO_INPUT, model.displayName() + ".forward");
    }
    for (ForwardModel.Input input : forward.inputs()) {
      VariableElement argument = input.element();
      // A @Shape on it has already been reported as ShapeNotTensor.
      if (!model.members().isTensor(argument.asType())
          && argument.asType().getKind() != TypeKind.ERROR
          && Annotations.find(argument, Names.SHAPE).isEmpty()) {
        report.error(argument, Diagnostic.FORWARD_ARGUMENT_NOT_TENSOR, input.name(),
            argument.asType());
      }
      if (input.shape() != null) {
        ShapeValidator.validate(report, model, input.shape(), ShapeValidator.Site.ARGUMENT);
      }
    }
    if (forward.outputShape() != null) {
      ShapeValidator.validate(report, model, forward.outputShape(), ShapeValidator.Site.OUTPUT);
      Annotations.explicitValue(forward.outputShape().annotation(), "optional").ifPresent(
          value -> report.error(method, forward.outputShape().annotation(), value,
              Diagnostic.SHAPE_OPTIONAL_ON_RESULT, model.displayName() + ".forward"));
    }
    checkOptionalBindings(report, model);
    return report;
  }

  /** A name that only optional arguments bind cannot size a parameter: they may all be null. */
  private static void checkOptionalBindings(ValidationReport report, LayerModel model) {
    Set<String> required = new HashSet<>(model.hyperparameters());
    for (ForwardModel.Input input : model.forward().inputs()) {
      if (!input.optional() && input.shape() != null) {
        for (Dimension dimension : input.shape().dimensions()) {
          required.addAll(dimension.names());
        }
      }
    }
    for (ForwardModel.Input input : model.forward().inputs()) {
      if (!input.optional() || input.shape() == null) {
        continue;
      }
      for (ParamModel param : model.params()) {
        for (Dimension dimension : param.dimensions()) {
          for (String name : dimension.names()) {
            if (!required.contains(name) && binds(input, name)) {
              report.error(input.element(), input.shape().annotation(), input.shape().value(),
                  Diagnostic.SHAPE_OPTIONAL_BINDS_PARAM, input.name(), name, param.name(),
                  input.name());
              return;
            }
          }
        }
      }
    }
  }

  private static boolean binds(ForwardModel.Input input, String name) {
    return input.shape().dimensions().stream().anyMatch(d -> name.equals(d.plainName()));
  }
}
