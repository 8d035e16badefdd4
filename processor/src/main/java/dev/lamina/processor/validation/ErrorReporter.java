package dev.lamina.processor.validation;

import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.lamina.processor.body.BodyChecker;
import dev.lamina.processor.body.BodyFinding;
import dev.lamina.processor.body.LocalShape;
import dev.lamina.processor.element.ComponentPositions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.RecordComponentElement;
import javax.tools.Diagnostic.Kind;

/**
 * The one channel through which the processor speaks to the user: it prints validation reports
 * (errors and warnings), notes, and the processor's own failures, each message once.
 */
public final class ErrorReporter {
  private final Messager messager;
  private final Trees trees;
  private final Set<Reported> reported = new HashSet<>();

  public ErrorReporter(Messager messager) {
    this(messager, null);
  }

  /** A reporter that can also place messages on record components, through javac's trees. */
  public ErrorReporter(Messager messager, Trees trees) {
    this.messager = messager;
    this.trees = trees;
  }

  /** Prints every finding of {@code report}, each as its kind; returns whether it had errors. */
  public boolean print(ValidationReport report) {
    for (Finding finding : report.findings()) {
      if (finding.diagnostic().kind() == Kind.WARNING) {
        warning(finding.element(), finding.annotation(), finding.value(), finding.message());
      } else {
        print(finding.element(), finding.annotation(), finding.value(), finding.message());
      }
    }
    return report.hasErrors();
  }

  /**
   * A warning: printed at the most specific place given, as errors are, but it does not count as
   * one, so the layer is still generated.
   */
  public void warning(Element element, AnnotationMirror annotation, AnnotationValue value,
      String message) {
    print(Kind.WARNING, element, annotation, value, message);
  }

  /** A note on {@code element}: information, with nothing wrong. */
  public void note(Element element, Diagnostic diagnostic, Object... arguments) {
    if (diagnostic.kind() != Kind.NOTE) {
      throw new IllegalArgumentException(diagnostic.tag() + " is not a note");
    }
    print(Kind.NOTE, element, null, null, diagnostic.format(arguments));
  }

  /**
   * An error at a place in the source that has no element for javac to give a processor (an
   * annotation on a local class): printed on the tree itself. Only javac finds such places, so
   * this reporter has its trees.
   */
  public void errorAt(TreePath path, Diagnostic diagnostic, Object... arguments) {
    trees.printMessage(Kind.ERROR, diagnostic.format(arguments), path.getLeaf(),
        path.getCompilationUnit());
  }

  /** Prints the findings in a forward's body, each on its expression; returns whether there were any. */
  public boolean print(BodyChecker.Result result) {
    for (BodyFinding finding : result.findings()) {
      trees.printMessage(Kind.ERROR, finding.message(), finding.tree(),
          result.forward().getCompilationUnit());
    }
    return !result.findings().isEmpty();
  }

  /** Prints the shape inferred for each local tensor of a forward, as a note on where it is set. */
  public void printShapes(BodyChecker.Result result) {
    for (LocalShape local : result.locals()) {
      trees.printMessage(Kind.NOTE, local.message(), local.tree(),
          result.forward().getCompilationUnit());
    }
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
    print(Kind.ERROR, element, annotation, value, message);
  }

  private void print(Kind kind, Element element, AnnotationMirror annotation,
      AnnotationValue value, String message) {
    // The same place can be reached twice (a forward inherited by two layers is checked by both).
    if (!reported.add(new Reported(element, annotation, value, message))) {
      return;
    }
    if (element instanceof RecordComponentElement component && trees != null) {
      TreePath path = ComponentPositions.find(trees, component, value);
      if (path != null) {
        trees.printMessage(kind, message, path.getLeaf(), path.getCompilationUnit());
        return;
      }
    }
    messager.printMessage(kind, message, element, annotation, value);
  }

  /**
   * An error already printed: the same message at the same element, annotation and value, the
   * three compared by identity (equal hash codes of different elements do not make them equal).
   */
  private record Reported(Element element, AnnotationMirror annotation, AnnotationValue value,
      String message) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Reported that && element == that.element
          && annotation == that.annotation && value == that.value && message.equals(that.message);
    }

    @Override
    public int hashCode() {
      return ((System.identityHashCode(element) * 31 + System.identityHashCode(annotation)) * 31
          + System.identityHashCode(value)) * 31 + message.hashCode();
    }
  }
}
