package dev.lamina.processor.tests;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.lamina.processor.tests.Compilations.compile;
import static dev.lamina.processor.tests.Compilations.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Declarations the processor cannot turn into code that compiles: each is a diagnostic, never
 * a generated file that fails (tests named after the tags, see {@link CatalogCoverageTest}).
 */
class GenerationLimitsTest {
  private static final String IMPORTS = "package test;\n"
      + "import dev.lamina.Module;\n"
      + "import dev.lamina.Tensor;\n"
      + "import dev.lamina.annotations.*;\n";

  @Test
  void layerLocal() {
    JavaFileObject source = source("test.Models", IMPORTS + "public class Models {\n"
        + "  static Module build() {\n"
        + "    @Layer abstract class Local extends Module {\n"
        + "      public Tensor forward(Tensor x) { return x; }\n"
        + "    }\n"
        + "    return null;\n"
        + "  }\n"
        + "}\n");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[LayerLocal] @Layer class must not be local,"
        + " because no generated class can extend it, but Local is declared inside build()")
        .inFile(source).onLineContaining("@Layer abstract class Local");
  }

  @Test
  void aLocalLayerInAnInitializerIsFoundToo() {
    JavaFileObject source = source("test.Models", "package test;\n"
        + "public class Models {\n"
        + "  static {\n"
        + "    @dev.lamina.annotations.Layer abstract class Local extends dev.lamina.Module {}\n"
        + "  }\n"
        + "}\n");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorContaining("[LayerLocal]").inFile(source)
        .onLineContaining("class Local");
  }

  @Test
  void aLocalClassWithAnotherLayerAnnotationIsNotReported() {
    JavaFileObject layer = source("test.Layer", "package test;\n"
        + "@interface Layer {}\n");
    JavaFileObject source = source("test.Models", "package test;\n"
        + "public class Models {\n"
        + "  void build() {\n"
        + "    @Layer class Local {}\n"
        + "  }\n"
        + "}\n");
    assertThat(compile(layer, source)).succeededWithoutWarnings();
  }

  @Test
  void layerNameClash() {
    JavaFileObject nested = source("test.Outer", IMPORTS + "public class Outer {\n"
        + "  @Layer abstract static class In extends Module {\n"
        + "    @Param(shape = {\"1\"}) Tensor scale;\n"
        + "    public Tensor forward(Tensor x) { return x.mul(scale); }\n"
        + "  }\n"
        + "}\n");
    JavaFileObject flat = source("test.Outer_In", IMPORTS
        + "@Layer abstract class Outer_In extends Module {\n"
        + "  @Param(shape = {\"1\"}) Tensor scale;\n"
        + "  public Tensor forward(Tensor x) { return x.mul(scale); }\n"
        + "}\n");
    Compilation compilation = compile(nested, flat);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[LayerNameClash] @Layer class test.Outer_In must"
        + " not map to the generated class of another layer, but test.Outer.In maps to"
        + " Lamina_Outer_In too").inFile(flat).onLineContaining("@Layer abstract class Outer_In");
  }

  @Test
  void configConstructorThrows() {
    JavaFileObject source = source("test.Bad", IMPORTS
        + "@Layer abstract class Bad extends Module {\n"
        + "  final int units;\n"
        + "  @Param(shape = {\"units\"}) Tensor bias;\n"
        + "  Bad(int units) throws java.io.IOException, IllegalStateException {\n"
        + "    this.units = units;\n"
        + "  }\n"
        + "  public Tensor forward(Tensor x) { return x.add(bias); }\n"
        + "}\n");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[ConfigConstructorThrows] @Layer constructor must"
        + " not throw checked exceptions, so that a saved layer can be rebuilt, but Bad(int)"
        + " throws java.io.IOException").inFile(source).onLineContaining("Bad(int units) throws");
  }

  @Test
  void aConstructorThatThrowsOnlyUncheckedExceptionsIsFine() {
    JavaFileObject source = source("test.Good", IMPORTS
        + "@Layer abstract class Good extends Module {\n"
        + "  final int units;\n"
        + "  @Param(shape = {\"units\"}) Tensor bias;\n"
        + "  Good(int units) throws IllegalArgumentException { this.units = units; }\n"
        + "  public Tensor forward(Tensor x) { return x.add(bias); }\n"
        + "}\n");
    assertThat(compile(source)).succeededWithoutWarnings();
  }
}
