package dev.lamina.processor.tests;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.lamina.processor.tests.Compilations.compile;
import static dev.lamina.processor.tests.Compilations.compileWith;
import static dev.lamina.processor.tests.Compilations.source;

import com.google.testing.compile.Compilation;
import dev.lamina.processor.LayerProcessor;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One test per diagnostic about the layer class, its forward, its children and its constructors,
 * each named after the diagnostic's tag (see {@link CatalogCoverageTest}).
 */
class LayerDiagnosticsTest {
  private static final String IMPORTS = "package test;\n"
      + "import dev.lamina.Module;\n"
      + "import dev.lamina.Tensor;\n"
      + "import dev.lamina.annotations.*;\n";

  private static JavaFileObject bad(String body) {
    return source("test.Bad", IMPORTS + body);
  }

  private static void assertSingleError(JavaFileObject source, String message, String line) {
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
  }

  @Test
  void layerNotClass() {
    assertSingleError(bad("@Layer\npublic interface Bad {}\n"),
        "[LayerNotClass] @Layer must be on a class, but Bad is an interface", "@Layer");
  }

  @Test
  void layerPrivate() {
    JavaFileObject source = source("test.Outer", IMPORTS + "public class Outer {\n"
        + "  @Layer private abstract static class Inner extends Module {\n"
        + "    public Tensor forward(Tensor x) { return x; }\n"
        + "  }\n"
        + "}\n");
    assertSingleError(source, "[LayerPrivate] @Layer class must not be private, because the"
        + " generated Lamina_Outer_Inner extends it", "@Layer");
  }

  @Test
  void layerFinal() {
    assertSingleError(bad("@Layer public final class Bad extends Module {\n"
            + "  public Tensor forward(Tensor x) { return x; }\n"
            + "}\n"),
        "[LayerFinal] @Layer class must not be final, because the generated Lamina_Bad extends it",
        "@Layer");
  }

  @Test
  void layerInner() {
    JavaFileObject source = source("test.Outer", IMPORTS + "public class Outer {\n"
        + "  @Layer abstract class Inner extends Module {\n"
        + "    public Tensor forward(Tensor x) { return x; }\n"
        + "  }\n"
        + "}\n");
    assertSingleError(source,
        "[LayerInner] @Layer class must be static when nested, but Inner is an inner class",
        "@Layer");
  }

  @Test
  void layerGeneric() {
    assertSingleError(bad("@Layer public abstract class Bad<T> extends Module {\n"
            + "  public Tensor forward(Tensor x) { return x; }\n"
            + "}\n"),
        "[LayerGeneric] @Layer class must not have type parameters, but Bad has <T>", "@Layer");
  }

  @Test
  void layerNotModule() {
    assertSingleError(bad("@Layer public abstract class Bad {\n"
            + "  public Tensor forward(Tensor x) { return x; }\n"
            + "}\n"),
        "[LayerNotModule] @Layer class must extend dev.lamina.Module, but Bad extends"
            + " java.lang.Object", "@Layer");
  }

  @Test
  void layerNotAbstract() {
    assertSingleError(bad("@Layer public class Bad extends Module {\n"
            + "  @Param(shape = {\"3\"}) Tensor weight;\n"
            + "  public Tensor forward(Tensor x) { return x; }\n"
            + "}\n"),
        "[LayerNotAbstract] @Layer class with @Param fields must be abstract, so that only the"
            + " generated Lamina_Bad is built, but Bad is not", "@Layer");
  }

  @Test
  void layerNoConstructor() {
    assertSingleError(bad("@Layer public abstract class Bad extends Module {\n"
            + "  private Bad() {}\n"
            + "  public Tensor forward(Tensor x) { return x; }\n"
            + "}\n"),
        "[LayerNoConstructor] @Layer class must have a non-private constructor for the generated"
            + " Lamina_Bad to call, but Bad has none", "@Layer");
  }

  @Test
  void forwardMissing() {
    assertSingleError(bad("@Layer public abstract class Bad extends Module {\n"
            + "  @Param(shape = {\"3\"}) Tensor weight;\n"
            + "}\n"),
        "[ForwardMissing] @Layer class must implement forward(Tensor), but Bad does not",
        "public abstract class Bad");
  }

  @Test
  void forwardNoInput() {
    assertSingleError(bad("@Layer public abstract class Bad extends Module {\n"
            + "  public Tensor forward() { return null; }\n"
            + "}\n"),
        "[ForwardNoInput] @Layer forward must take at least one Tensor, but Bad.forward takes"
            + " none", "public Tensor forward()");
  }

  @Test
  void forwardArgumentNotTensor() {
    assertSingleError(bad("@Layer public abstract class Bad extends Module {\n"
            + "  public Tensor forward(Tensor x,\n"
            + "      int steps) { return x; }\n"
            + "}\n"),
        "[ForwardArgumentNotTensor] @Layer forward arguments must all be Tensors, but steps is"
            + " int", "int steps");
  }

  @Test
  void forwardNotTensor() {
    assertSingleError(bad("@Layer public abstract class Bad extends Module {\n"
            + "  public Object forward(Tensor x) { return x; }\n"
            + "}\n"),
        "[ForwardNotTensor] @Layer forward must return Tensor, or a record of Tensors for several"
            + " results, but Bad.forward returns java.lang.Object", "public Object forward");
  }

  @Test
  void forwardFinal() {
    assertSingleError(bad("@Layer public abstract class Bad extends Module {\n"
            + "  public final Tensor forward(Tensor x) { return x; }\n"
            + "}\n"),
        "[ForwardFinal] @Layer forward must not be final, because the generated Lamina_Bad"
            + " overrides it to check shapes", "public final Tensor forward");
  }

  @Test
  void childPrivate() {
    assertSingleError(bad("@Layer public abstract class Bad extends Module {\n"
            + "  private final Module body;\n"
            + "  Bad(Module body) { this.body = body; }\n"
            + "  public Tensor forward(Tensor x) { return body.forward(x); }\n"
            + "}\n"),
        "[ChildPrivate] @Layer child module field must not be private, because the generated"
            + " Lamina_Bad registers it, but body is", "private final Module body");
  }

  @Test
  void configNotCaptured() {
    assertSingleError(bad("@Layer public abstract class Bad extends Module {\n"
            + "  final int units;\n"
            + "  @Param(shape = {\"units\"}) Tensor bias;\n"
            + "  Bad(int unitz) { this.units = unitz; }\n"
            + "  public Tensor forward(Tensor x) { return x.add(bias); }\n"
            + "}\n"),
        "[ConfigNotCaptured] @Layer constructor parameter unitz must have a non-private field of"
            + " the same name and type, so that a saved layer can be rebuilt, but Bad has no field"
            + " unitz; did you mean \"units\"?", "Bad(int unitz)");
  }

  @Test
  void configTypeUnsupported() {
    assertSingleError(bad("@Layer public abstract class Bad extends Module {\n"
            + "  final java.util.List<Integer> sizes;\n"
            + "  Bad(java.util.List<Integer> sizes) { this.sizes = sizes; }\n"
            + "  public Tensor forward(Tensor x) { return x; }\n"
            + "}\n"),
        "[ConfigTypeUnsupported] @Layer constructor parameter sizes must be an int, long, float,"
            + " double, boolean, String, int[], enum or Module, so that a saved layer can be rebuilt,"
            + " but"
            + " it is java.util.List<java.lang.Integer>", "Bad(java.util.List<Integer> sizes)");
  }

  @Test
  void enumConstructorParametersAreCapturedByName() {
    JavaFileObject source = bad("@Layer public abstract class Bad extends Module {\n"
        + "  enum Mode { ZEROS, REFLECT }\n"
        + "  final Mode mode;\n"
        + "  final Thread.State state;\n"
        + "  Bad(Mode mode, Thread.State state) { this.mode = mode; this.state = state; }\n"
        + "  public static Bad create() { return new Lamina_Bad(Mode.REFLECT, Thread.State.NEW); }\n"
        + "  public Tensor forward(Tensor x) { return x; }\n"
        + "}\n");
    Compilation compilation = compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.Lamina_Bad").contentsAsUtf8String()
        .contains("reader.enumValue(\"mode\", Bad.Mode.class),"
            + " reader.enumValue(\"state\", Thread.State.class)");
    assertThat(compilation).generatedSourceFile("test.Lamina_Bad").contentsAsUtf8String()
        .contains("config.put(\"mode\", this.mode);");
  }

  /** A layer whose forward takes x and h and returns {@code record}, declared as given. */
  private static JavaFileObject returning(String record, String forwardAnnotation) {
    return bad("@Layer public abstract class Bad extends Module {\n"
        + record
        + forwardAnnotation
        + "  public State forward(@Shape({\"batch\", \"3\"}) Tensor x, Tensor h) { return null; }\n"
        + "}\n");
  }

  @Test
  void forwardRecordComponentNotTensor() {
    assertSingleError(returning("  public record State(Tensor h,\n"
            + "      int steps) {}\n", ""),
        "[ForwardRecordComponentNotTensor] @Layer forward's record State must hold only Tensors,"
            + " so that each result can be checked, but its component steps is int; keep other"
            + " values in fields of the layer", "int steps");
  }

  @Test
  void shapeOnANonTensorRecordComponentIsShapeNotTensor() {
    assertSingleError(returning("  public record State(Tensor h,\n"
            + "      @Shape({\"batch\"}) int steps) {}\n", ""),
        "[ShapeNotTensor] @Shape must be on a Tensor argument or record component, but steps is"
            + " int", "int steps");
  }

  @Test
  void forwardRecordOneInput() {
    assertSingleError(bad("@Layer public abstract class Bad extends Module {\n"
            + "  public record State(Tensor h, Tensor c) {}\n"
            + "  public State forward(Tensor x) { return null; }\n"
            + "}\n"),
        "[ForwardRecordOneInput] @Layer forward returning record State must take more than one"
            + " Tensor, because forward(Tensor) of every Module returns a Tensor, but Bad.forward"
            + " takes one", "public State forward");
  }

  @Test
  void forwardRecordPrivate() {
    assertSingleError(returning("  private record State(Tensor h, Tensor c) {}\n", ""),
        "[ForwardRecordPrivate] @Layer forward's record State must not be private, because the"
            + " generated Lamina_Bad returns it", "public State forward");
  }

  @Test
  void shapeOnRecordResult() {
    assertSingleError(returning("  public record State(Tensor h, Tensor c) {}\n",
            "  @Shape({\"batch\", \"2\"})\n"),
        "[ShapeOnRecordResult] @Shape on forward must not be used when forward returns record"
            + " State; put a @Shape on each of its components instead", "@Shape({\"batch\", \"2\"})");
  }

  @Test
  void recordComponentShapesUseTheSameNames() {
    // A component's shape may use only names the layer or forward's arguments bind.
    assertSingleError(returning("  public record State(\n"
            + "      @Shape({\"batch\", \"hiden\"}) Tensor h, Tensor c) {}\n", ""),
        "[ShapeUnknownName] @Shape entry \"hiden\" uses hiden, which must be an int field of Bad"
            + " or a name bound by forward's @Shape argument", "@Shape({\"batch\", \"hiden\"})");
  }

  @Test
  void aRecordOfTensorsWithAndWithoutShapesCompilesCleanly() {
    Compilation compilation = compile(returning("  public record State(\n"
        + "      @Shape({\"batch\", \"2\"}) Tensor h, Tensor c) {}\n", ""));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void configEnumPrivate() {
    assertSingleError(bad("@Layer public abstract class Bad extends Module {\n"
            + "  private enum Mode { ZEROS, REFLECT }\n"
            + "  final Mode mode;\n"
            + "  Bad(Mode mode) { this.mode = mode; }\n"
            + "  public Tensor forward(Tensor x) { return x; }\n"
            + "}\n"),
        "[ConfigEnumPrivate] @Layer constructor parameter mode must not be of a private enum,"
            + " because the generated Lamina_Bad names it to rebuild the layer, but Mode is private",
        "Bad(Mode mode)");
  }

  @Test
  void internalError() {
    LayerProcessor failing = new LayerProcessor() {
      @Override
      protected void processLayer(TypeElement layer, AnnotationMirror annotation) {
        throw new IllegalStateException("a deliberate failure");
      }
    };
    JavaFileObject source = bad("@Layer public abstract class Bad extends Module {\n"
        + "  public Tensor forward(Tensor x) { return x; }\n"
        + "}\n");
    Compilation compilation = compileWith(failing, source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[InternalError] @Layer processing of Bad failed unexpectedly;"
            + " please report this: java.lang.IllegalStateException: a deliberate failure")
        .inFile(source).onLineContaining("public abstract class Bad");
    assertThat(compilation).hadErrorContaining("at dev.lamina.processor.LayerProcessor");
  }
}
