package dev.lamina.processor.validation;

import dev.lamina.processor.model.ForwardModel;
import dev.lamina.processor.model.LayerModel;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;

/** Checks the {@code forward(Tensor)} a layer's generated class overrides, and its shapes. */
final class ForwardValidator {
  private ForwardValidator() {}

  static ValidationReport validate(LayerModel model) {
    ValidationReport report = new ValidationReport();
    ForwardModel forward = model.forward();
    ExecutableElement method = forward.method();
    if (method == null || method.getModifiers().contains(Modifier.ABSTRACT)) {
      return report.error(model.element(), Diagnostic.FORWARD_MISSING, model.displayName());
    }
    if (!model.members().isTensor(method.getReturnType())) {
      report.error(method, Diagnostic.FORWARD_NOT_TENSOR, model.displayName() + ".forward",
          method.getReturnType());
    }
    if (method.getModifiers().contains(Modifier.FINAL)) {
      report.error(method, Diagnostic.FORWARD_FINAL, model.generatedName());
    }
    if (forward.inputShape() != null) {
      ShapeValidator.validate(report, model, forward.inputShape(), ShapeValidator.Site.ARGUMENT);
    }
    if (forward.outputShape() != null) {
      ShapeValidator.validate(report, model, forward.outputShape(), ShapeValidator.Site.OUTPUT);
    }
    return report;
  }
}
