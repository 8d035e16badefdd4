package dev.lamina.processor.validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;

/**
 * What validation found (errors, and warnings that do not stop generation), in the order found: validators return one, the step prints it through the
 * {@link ErrorReporter} and generates only when it has no errors.
 */
public final class ValidationReport {
  private final List<Finding> findings = new ArrayList<>();

  /** An error on {@code element}. */
  public ValidationReport error(Element element, Diagnostic diagnostic, Object... arguments) {
    return error(element, null, null, diagnostic, arguments);
  }

  /** An error on an annotation of {@code element}. */
  public ValidationReport error(Element element, AnnotationMirror annotation,
      Diagnostic diagnostic, Object... arguments) {
    return error(element, annotation, null, diagnostic, arguments);
  }

  /** An error on one value of an annotation of {@code element}: the caret goes under that value. */
  public ValidationReport error(Element element, AnnotationMirror annotation,
      AnnotationValue value, Diagnostic diagnostic, Object... arguments) {
    if (diagnostic.kind() != Kind.ERROR) {
      throw new IllegalArgumentException(diagnostic.tag() + " is a warning, not an error");
    }
    return add(element, annotation, value, diagnostic, arguments);
  }

  private ValidationReport add(Element element, AnnotationMirror annotation,
      AnnotationValue value, Diagnostic diagnostic, Object... arguments) {
    findings.add(new Finding(diagnostic, Collections.unmodifiableList(Arrays.asList(arguments)),
        element, annotation, value));
    return this;
  }

  /**
   * A warning on one value of an annotation of {@code element}: printed with the errors, but it
   * does not stop generation.
   */
  public ValidationReport warning(Element element, AnnotationMirror annotation,
      AnnotationValue value, Diagnostic diagnostic, Object... arguments) {
    if (diagnostic.kind() != Kind.WARNING) {
      throw new IllegalArgumentException(diagnostic.tag() + " is an error, not a warning");
    }
    return add(element, annotation, value, diagnostic, arguments);
  }

  /** Appends what {@code other} found. */
  public ValidationReport addAll(ValidationReport other) {
    findings.addAll(other.findings);
    return this;
  }

  public List<Finding> findings() {
    return Collections.unmodifiableList(findings);
  }

  /** Whether any finding is an error, so that nothing is generated. */
  public boolean hasErrors() {
    return findings.stream().anyMatch(finding -> finding.diagnostic().kind() == Kind.ERROR);
  }
}
