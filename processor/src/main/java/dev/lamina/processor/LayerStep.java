package dev.lamina.processor;

import dev.lamina.processor.body.BodyChecker;
import dev.lamina.processor.model.LayerModel;
import dev.lamina.processor.model.LayerModelBuilder;
import dev.lamina.processor.validation.ErrorReporter;
import dev.lamina.processor.validation.GeneratedNameClaims;
import dev.lamina.processor.validation.LayerValidator;
import dev.lamina.processor.writing.LayerWriter;
import java.io.IOException;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;

/**
 * The pipeline for one {@code @Layer} class: build its one model → validate it → print the report →
 * stop if it has errors → check forward's body against the declared shapes → write the file from
 * the same model.
 */
final class LayerStep {
  private final ErrorReporter reporter;
  private final LayerModelBuilder models;
  private final LayerValidator validator;
  private final LayerWriter writer;
  private final BodyChecker bodies;
  private final GeneratedNameClaims claims = new GeneratedNameClaims();

  LayerStep(ErrorReporter reporter, LayerModelBuilder models, LayerValidator validator,
      LayerWriter writer, BodyChecker bodies) {
    this.reporter = reporter;
    this.models = models;
    this.validator = validator;
    this.writer = writer;
    this.bodies = bodies;
  }

  void process(TypeElement layer, AnnotationMirror annotation) throws IOException {
    LayerModel model = models.build(layer, annotation);
    if (reporter.print(validator.validate(model).addAll(claims.claim(model)))) {
      return;
    }
    // A mistake in forward's body fails the compilation; the class is still generated, so that
    // the error is the only one.
    reporter.print(bodies.check(model));
    writer.write(model);
  }
}
