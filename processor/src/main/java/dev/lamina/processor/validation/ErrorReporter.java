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
 * The one channel through which the processor speaks to the user. It counts errors per class, so
 * the pipeline can go on collecting every error of a class and then generate nothing for it.
 */
public final class ErrorReporter {
  private final Messager messager;
  private final Set<String> reported = new HashSet<>();
  private int errorCount;

  public ErrorReporter(Messager messager) {
    this.messager = messager;
  }

  /** How many errors were reported so far; compare before and after checking one class. */
  public int errorCount() {
    return errorCount;
  }

  /** An error on {@code element}. */
  public void error(Element element, Diagnostic diagnostic, Object... arguments) {
    report(element, null, null, diagnostic, arguments);
  }

  /** An error on an annotation of {@code element}. */
  public void error(Element element, AnnotationMirror annotation, Diagnostic diagnostic,
      Object... arguments) {
    report(element, annotation, null, diagnostic, arguments);
  }

  /** An error on one value of an annotation of {@code element}: the caret goes under that value. */
  public void error(Element element, AnnotationMirror annotation, AnnotationValue value,
      Diagnostic diagnostic, Object... arguments) {
    report(element, annotation, value, diagnostic, arguments);
  }

  /** A failure of the processor itself, reported on the element being processed with its trace. */
  public void internalError(Element element, Throwable failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    report(element, null, null, Diagnostic.INTERNAL_ERROR, element.getSimpleName(), trace);
  }

  private void report(Element element, AnnotationMirror annotation, AnnotationValue value,
      Diagnostic diagnostic, Object... arguments) {
    String message = diagnostic.format(arguments);
    // The same element can be reached twice (a @Shape seen from its layer and on its own).
    if (!reported.add(System.identityHashCode(element) + message)) {
      return;
    }
    errorCount++;
    messager.printMessage(Kind.ERROR, message, element, annotation, value);
  }
}
