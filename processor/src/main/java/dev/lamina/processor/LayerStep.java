package dev.lamina.processor;

import dev.lamina.processor.model.LayerModelBuilder;
import dev.lamina.processor.validation.ErrorReporter;
import dev.lamina.processor.validation.LayerValidator;
import dev.lamina.processor.writing.LayerWriter;
import java.io.IOException;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;

/**
 * The pipeline for one {@code @Layer} class: validate (reporting every error) → stop if any →
 * build the model → write the file.
 */
final class LayerStep {
  private final ErrorReporter reporter;
  private final LayerValidator validator;
  private final LayerModelBuilder models;
  private final LayerWriter writer;

  LayerStep(ErrorReporter reporter, LayerValidator validator, LayerModelBuilder models,
      LayerWriter writer) {
    this.reporter = reporter;
    this.validator = validator;
    this.models = models;
    this.writer = writer;
  }

  void process(TypeElement layer, AnnotationMirror annotation) throws IOException {
    int errorsBefore = reporter.errorCount();
    validator.validate(layer, annotation);
    if (reporter.errorCount() > errorsBefore) {
      return;
    }
    writer.write(models.build(layer));
  }
}
