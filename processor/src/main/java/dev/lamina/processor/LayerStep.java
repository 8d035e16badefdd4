package dev.lamina.processor;

import dev.lamina.processor.body.BodyChecker;
import dev.lamina.processor.model.LayerModel;
import dev.lamina.processor.model.LayerModelBuilder;
import dev.lamina.processor.validation.Diagnostic;
import dev.lamina.processor.validation.ErrorReporter;
import dev.lamina.processor.validation.GeneratedNameClaims;
import dev.lamina.processor.validation.LayerValidator;
import dev.lamina.processor.writing.LayerWriter;
import java.io.IOException;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;

/**
 * The pipeline for one {@code @Layer} class: build its one model → validate it → print the report →
 * stop if it has errors → check forward's body against the declared shapes, which completes the
 * model with the output shape the body proves → write the file from that model.
 */
final class LayerStep {
  private final ErrorReporter reporter;
  private final LayerModelBuilder models;
  private final LayerValidator validator;
  private final LayerWriter writer;
  private final BodyChecker bodies;
  private final boolean showShapes;
  private final GeneratedNameClaims claims = new GeneratedNameClaims();
  /** Whether to say, on the first layer, that bodies cannot be read; once per compilation. */
  private boolean sayBodiesUnchecked;

  /**
   * @param showShapes whether to print the shape of every local tensor of forward as a note
   * @param bodiesUnreadable whether the checks of bodies are wanted but the compiler cannot give
   *     them the source, which is said once
   */
  LayerStep(ErrorReporter reporter, LayerModelBuilder models, LayerValidator validator,
      LayerWriter writer, BodyChecker bodies, boolean showShapes, boolean bodiesUnreadable) {
    this.reporter = reporter;
    this.models = models;
    this.validator = validator;
    this.writer = writer;
    this.bodies = bodies;
    this.showShapes = showShapes;
    this.sayBodiesUnchecked = bodiesUnreadable;
  }

  void process(TypeElement layer, AnnotationMirror annotation) throws IOException {
    LayerModel model = models.build(layer, annotation);
    if (reporter.print(validator.validate(model).addAll(claims.claim(model)))) {
      return;
    }
    if (sayBodiesUnchecked) {
      reporter.note(layer, Diagnostic.BODY_CHECKS_OFF);
      sayBodiesUnchecked = false;
    }
    // A mistake in forward's body fails the compilation; the class is still generated, so that
    // the error is the only one.
    BodyChecker.Result body = bodies.check(model);
    reporter.print(body);
    if (showShapes) {
      reporter.printShapes(body);
    }
    writer.write(model.withInferredOutput(body.inferredOutput()));
  }
}
