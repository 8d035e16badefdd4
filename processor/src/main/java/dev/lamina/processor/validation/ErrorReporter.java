package dev.lamina.processor.validation;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;

/**
 * The one channel through which the processor speaks to the user: it prints validation reports
 * and the processor's own failures, each error once.
 */
public final class ErrorReporter {
  private final Messager messager;
  private final Set<String> reported = new HashSet<>();

  public ErrorReporter(Messager messager) {
    this.messager = messager;
  }

  /** Prints every finding of {@code report}; returns whether it had errors. */
  public boolean print(ValidationReport report) {
    for (Finding finding : report.findings()) {
      print(finding.element(), finding.annotation(), finding.value(), finding.message());
    }
    return report.hasErrors();
  }

  /** A failure of the processor itself, reported on the element being processed with its trace. */
  public void internalError(Element element, Throwable failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    print(element, null, null, Diagnostic.INTERNAL_ERROR.format(
        element == null ? "the compilation" : element.getSimpleName(), trace));
  }

  private void print(Element element, AnnotationMirror annotation, AnnotationValue value,
      String message) {
    // The same element can be reached twice (a @Shape seen from its layer and on its own).
    if (!reported.add(System.identityHashCode(element) + message)) {
      return;
    }
    messager.printMessage(Kind.ERROR, message, element, annotation, value);
  }
}
