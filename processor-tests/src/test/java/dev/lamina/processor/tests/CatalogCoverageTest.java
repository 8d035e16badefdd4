package dev.lamina.processor.tests;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.common.base.CaseFormat;
import dev.lamina.processor.validation.Diagnostic;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every diagnostic in the catalog has a test named after its tag. */
class CatalogCoverageTest {
  @Test
  void everyDiagnosticHasATestNamedAfterItsTag() {
    Set<String> tests = new TreeSet<>();
    for (Class<?> type : List.of(LayerDiagnosticsTest.class, ParamAndShapeDiagnosticsTest.class,
        DeclarationDiagnosticsTest.class, BodyShapeChecksTest.class, GenerationLimitsTest.class,
        ShapeNotesTest.class)) {
      for (Method method : type.getDeclaredMethods()) {
        if (method.isAnnotationPresent(Test.class)) {
          tests.add(method.getName());
        }
      }
    }
    List<String> untested = new ArrayList<>();
    for (Diagnostic diagnostic : Diagnostic.values()) {
      String expected = CaseFormat.UPPER_CAMEL.to(CaseFormat.LOWER_CAMEL, diagnostic.tag());
      if (!tests.contains(expected)) {
        untested.add(diagnostic.tag());
      }
    }
    assertWithMessage("diagnostics without a test").that(untested).isEmpty();
  }
}
