package dev.lamina.processor.validation;

import dev.lamina.processor.element.Annotations;
import dev.lamina.processor.element.Names;
import dev.lamina.processor.model.BufferModel;
import dev.lamina.processor.model.LayerModel;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.VariableElement;

/** Checks every {@code @Buffer} field of a layer: its type, modifiers, init, shape and presentIf. */
final class BufferValidator {
  private BufferValidator() {}

  static ValidationReport validate(LayerModel model) {
    ValidationReport report = new ValidationReport();
    for (BufferModel buffer : model.buffers()) {
      validate(report, model, buffer);
    }
    return report;
  }

  private static void validate(ValidationReport report, LayerModel model, BufferModel buffer) {
    VariableElement field = buffer.field();
    String generated = model.generatedName();
    if (Annotations.find(field, Names.PARAM).isPresent()) {
      report.error(field, buffer.annotation(), Diagnostic.BUFFER_AND_PARAM, field.getSimpleName());
      return;
    }
    if (!model.members().isTensor(field.asType())) {
      report.error(field, Diagnostic.BUFFER_NOT_TENSOR, field.getSimpleName(), field.asType());
    }
    if (field.getModifiers().contains(Modifier.PRIVATE)) {
      report.error(field, Diagnostic.BUFFER_PRIVATE, generated);
    }
    if (field.getModifiers().contains(Modifier.STATIC)) {
      report.error(field, Diagnostic.BUFFER_STATIC, field.getSimpleName());
    }
    if (field.getModifiers().contains(Modifier.FINAL)) {
      report.error(field, Diagnostic.BUFFER_FINAL, generated);
    }
    if (!buffer.init().equals("ZEROS") && !buffer.init().equals("ONES")) {
      report.error(field, buffer.annotation(),
          Annotations.explicitValue(buffer.annotation(), "init").orElse(null),
          Diagnostic.BUFFER_INIT_RANDOM, field.getSimpleName(), buffer.init());
    }
    if (buffer.shape() != null) {
      ShapeValidator.validate(report, model, buffer.shape(), ShapeValidator.Site.BUFFER);
    }
    if (buffer.presentIfValue() != null) {
      ParamValidator.validatePresentIf(report, model.members(), "Buffer", field,
          buffer.annotation(), buffer.presentIfValue());
    }
  }
}
