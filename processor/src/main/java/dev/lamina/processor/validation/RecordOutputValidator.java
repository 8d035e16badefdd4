package dev.lamina.processor.validation;

import dev.lamina.processor.element.Annotations;
import dev.lamina.processor.element.Names;
import dev.lamina.processor.model.LayerModel;
import dev.lamina.processor.model.RecordOutput;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeKind;

/**
 * Checks a {@code forward} that returns a record of tensors: every component a Tensor, shapes on
 * the components rather than on the method, a record the generated class can name, and more than
 * one input, since {@code forward(Tensor)} of every module returns a Tensor.
 */
final class RecordOutputValidator {
  private RecordOutputValidator() {}

  static void validate(ValidationReport report, LayerModel model) {
    ExecutableElement method = model.forward().method();
    RecordOutput record = model.forward().recordOutput();
    String forward = model.displayName() + ".forward";
    if (record.record().getModifiers().contains(Modifier.PRIVATE)) {
      report.error(method, Diagnostic.FORWARD_RECORD_PRIVATE, record.displayName(),
          model.generatedName());
    }
    if (method.getParameters().size() == 1) {
      report.error(method, Diagnostic.FORWARD_RECORD_ONE_INPUT, record.displayName(), forward);
    }
    if (model.forward().outputShape() != null) {
      report.error(method, model.forward().outputShape().annotation(),
          Diagnostic.SHAPE_ON_RECORD_RESULT, record.displayName());
    }
    for (RecordOutput.Component component : record.components()) {
      // A @Shape on it has already been reported as ShapeNotTensor.
      if (!component.tensor() && component.element().asType().getKind() != TypeKind.ERROR
          && Annotations.find(component.element(), Names.SHAPE).isEmpty()) {
        report.error(component.element(), Diagnostic.FORWARD_RECORD_COMPONENT_NOT_TENSOR,
            record.displayName(), component.name(), component.element().asType());
      }
      if (component.shape() != null) {
        ShapeValidator.validate(report, model, component.shape(), ShapeValidator.Site.OUTPUT);
      }
    }
  }
}
