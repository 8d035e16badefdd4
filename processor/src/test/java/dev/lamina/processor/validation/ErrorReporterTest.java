package dev.lamina.processor.validation;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;
import org.junit.jupiter.api.Test;

class ErrorReporterTest {
  /** Records what is printed, and on which element. */
  private static final class RecordingMessager implements Messager {
    final List<Element> elements = new ArrayList<>();
    final List<Kind> kinds = new ArrayList<>();

    @Override
    public void printMessage(Kind kind, CharSequence message) {
      elements.add(null);
    }

    @Override
    public void printMessage(Kind kind, CharSequence message, Element element) {
      elements.add(element);
    }

    @Override
    public void printMessage(Kind kind, CharSequence message, Element element,
        AnnotationMirror annotation) {
      elements.add(element);
    }

    @Override
    public void printMessage(Kind kind, CharSequence message, Element element,
        AnnotationMirror annotation, AnnotationValue value) {
      elements.add(element);
      kinds.add(kind);
    }
  }

  /** An element that is equal only to itself, as javac's are. */
  private static Element element() {
    return (Element) Proxy.newProxyInstance(Element.class.getClassLoader(),
        new Class<?>[] {Element.class}, (proxy, method, arguments) -> {
          return switch (method.getName()) {
            case "equals" -> proxy == arguments[0];
            // Every element hashes alike: de-duplication must not rest on hash codes.
            case "hashCode" -> 42;
            default -> null;
          };
        });
  }

  @Test
  void theSameErrorAtTheSamePlaceIsPrintedOnce() {
    RecordingMessager messager = new RecordingMessager();
    ErrorReporter reporter = new ErrorReporter(messager);
    Element field = element();
    ValidationReport report = new ValidationReport()
        .error(field, Diagnostic.PARAM_STATIC, "weight")
        .error(field, Diagnostic.PARAM_STATIC, "weight");
    assertThat(reporter.print(report)).isTrue();
    assertThat(reporter.print(report)).isTrue();
    assertThat(messager.elements).containsExactly(field);
  }

  @Test
  void theSameErrorOnDifferentElementsIsPrintedForEach() {
    RecordingMessager messager = new RecordingMessager();
    ErrorReporter reporter = new ErrorReporter(messager);
    Element first = element();
    Element second = element();
    reporter.print(new ValidationReport()
        .error(first, Diagnostic.PARAM_STATIC, "weight")
        .error(second, Diagnostic.PARAM_STATIC, "weight"));
    assertThat(messager.elements).containsExactly(first, second).inOrder();
  }

  @Test
  void aCleanReportPrintsNothing() {
    RecordingMessager messager = new RecordingMessager();
    assertThat(new ErrorReporter(messager).print(new ValidationReport())).isFalse();
    assertThat(messager.elements).isEmpty();
  }

  @Test
  void aWarningIsPrintedAsOneAndDoesNotCountAsAnError() {
    RecordingMessager messager = new RecordingMessager();
    Element argument = element();
    ValidationReport report = new ValidationReport().warning(argument, null, null,
        Diagnostic.SHAPE_NAME_NEAR_MISS, "inUnit", "inUnits");
    assertThat(new ErrorReporter(messager).print(report)).isFalse();
    assertThat(messager.kinds).containsExactly(Kind.WARNING);
    assertThat(report.findings().get(0).message()).isEqualTo("[ShapeNameNearMiss] \"inUnit\" in"
        + " forward's @Shape matches no field and binds a new size; did you mean inUnits?");
  }

  @Test
  void aWarningAmongErrorsLeavesTheReportWithErrors() {
    Element field = element();
    ValidationReport report = new ValidationReport()
        .warning(field, null, null, Diagnostic.SHAPE_NAME_NEAR_MISS, "inUnit", "inUnits")
        .error(field, Diagnostic.PARAM_STATIC, "weight");
    assertThat(report.hasErrors()).isTrue();
  }

  @Test
  void aDiagnosticIsReportedOnlyAsItsKind() {
    Element field = element();
    assertThrows(IllegalArgumentException.class,
        () -> new ValidationReport().error(field, Diagnostic.SHAPE_NAME_NEAR_MISS, "inUnit",
            "inUnits"));
    assertThrows(IllegalArgumentException.class,
        () -> new ValidationReport().warning(field, null, null, Diagnostic.PARAM_STATIC, "w"));
  }
}
