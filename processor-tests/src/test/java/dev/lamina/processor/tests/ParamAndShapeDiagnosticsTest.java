package dev.lamina.processor.tests;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.lamina.processor.tests.Compilations.compile;
import static dev.lamina.processor.tests.Compilations.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.lamina.processor.LayerProcessor;
import dev.lamina.processor.LayerServicesProcessor;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per diagnostic about {@code @Param} fields and shapes, each named after the diagnostic's
 * tag (see {@link CatalogCoverageTest}).
 */
class ParamAndShapeDiagnosticsTest {
  private static final String HEADER = "package test;\n"
      + "import dev.lamina.Module;\n"
      + "import dev.lamina.Tensor;\n"
      + "import dev.lamina.annotations.*;\n"
      + "@Layer public abstract class Bad extends Module {\n"
      + "  final int units;\n"
      + "  Bad(int units) { this.units = units; }\n";

  /** A layer with an int field {@code units} and the given members. */
  private static JavaFileObject layer(String members) {
    return source("test.Bad", HEADER + members + "}\n");
  }

  private static final String FORWARD = "  public Tensor forward(Tensor x) { return x; }\n";

  private static void assertSingleError(JavaFileObject source, String message, String line) {
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
  }

  @Test
  void paramOutsideLayer() {
    JavaFileObject source = source("test.Plain", "package test;\n"
        + "import dev.lamina.Tensor;\n"
        + "import dev.lamina.annotations.Param;\n"
        + "public class Plain {\n"
        + "  @Param(shape = {\"3\"}) Tensor weight;\n"
        + "}\n");
    assertSingleError(source,
        "[ParamOutsideLayer] @Param field must be in a @Layer class, but Plain is not one",
        "@Param");
  }

  private static final String SUB_LAYER = "package test;\n"
      + "import dev.lamina.Tensor;\n"
      + "import dev.lamina.annotations.Layer;\n"
      + "@Layer public abstract class Sub extends Base {\n"
      + "  public Tensor forward(Tensor x) { return x; }\n"
      + "}\n";

  private static final String INHERITED = "[ParamInherited] @Param field must be declared in the"
      + " @Layer class itself, so that the generated Lamina_Sub registers it, but Sub inherits"
      + " weight from Base";

  /** A superclass that is not a layer: the field is reported as inherited, not as outside. */
  @Test
  void paramInherited() {
    JavaFileObject base = source("test.Base", "package test;\n"
        + "import dev.lamina.Module;\n"
        + "import dev.lamina.Tensor;\n"
        + "import dev.lamina.annotations.Param;\n"
        + "public abstract class Base extends Module {\n"
        + "  @Param(shape = {\"3\"})\n"
        + "  Tensor weight;\n"
        + "}\n");
    Compilation compilation = compile(base, source("test.Sub", SUB_LAYER));
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(INHERITED).inFile(base)
        .onLineContaining("@Param(shape");
  }

  /** A superclass that is a layer itself keeps its parameter; the subclass is the error. */
  @Test
  void paramInheritedFromALayer() {
    JavaFileObject base = source("test.Base", BASE_LAYER);
    Compilation compilation = compile(base, source("test.Sub", SUB_LAYER));
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(INHERITED).inFile(base)
        .onLineContaining("@Param(shape");
  }

  /** A superclass from a class file cannot be pointed at: the error goes on the @Layer class. */
  @Test
  void paramInheritedFromAClassFile(@TempDir Path classes) throws IOException {
    Compilation library = compile(source("test.Base", BASE_LAYER));
    assertThat(library).succeeded();
    for (JavaFileObject file : library.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        Path target = classes.resolve(file.toUri().getPath().replaceFirst("^/CLASS_OUTPUT/", ""));
        Files.createDirectories(target.getParent());
        try (InputStream in = file.openInputStream()) {
          Files.copy(in, target);
        }
      }
    }
    List<File> classpath = new ArrayList<>();
    classpath.add(classes.toFile());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator, -1)) {
      classpath.add(new File(entry));
    }
    JavaFileObject sub = source("test.Sub", SUB_LAYER);
    Compilation compilation = Compiler.javac()
        .withProcessors(new LayerProcessor(), new LayerServicesProcessor())
        .withClasspath(classpath)
        .compile(sub);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(INHERITED).inFile(sub)
        .onLineContaining("@Layer public abstract class Sub");
  }

  private static final String BASE_LAYER = "package test;\n"
      + "import dev.lamina.Module;\n"
      + "import dev.lamina.Tensor;\n"
      + "import dev.lamina.annotations.*;\n"
      + "@Layer public abstract class Base extends Module {\n"
      + "  @Param(shape = {\"3\"})\n"
      + "  Tensor weight;\n"
      + "  public Tensor forward(Tensor x) { return x; }\n"
      + "}\n";

  @Test
  void paramNotTensor() {
    assertSingleError(layer("  @Param(shape = {\"units\"}) double[] weight;\n" + FORWARD),
        "[ParamNotTensor] @Param field must be a Tensor, but weight is double[]",
        "double[] weight");
  }

  @Test
  void paramPrivate() {
    assertSingleError(layer("  @Param(shape = {\"units\"}) private Tensor weight;\n" + FORWARD),
        "[ParamPrivate] @Param field must not be private, because the generated Lamina_Bad"
            + " assigns it", "private Tensor weight");
  }

  @Test
  void paramStatic() {
    assertSingleError(layer("  @Param(shape = {\"3\"}) static Tensor weight;\n" + FORWARD),
        "[ParamStatic] @Param field must not be static, because each layer has its own weight",
        "static Tensor weight");
  }

  @Test
  void paramFinal() {
    assertSingleError(layer("  @Param(shape = {\"units\"}) final Tensor weight = null;\n" + FORWARD),
        "[ParamFinal] @Param field must not be final, because the generated Lamina_Bad assigns it"
            + " after the constructor", "final Tensor weight");
  }

  @Test
  void paramShapeEmpty() {
    assertSingleError(layer("  @Param(shape = {})\n  Tensor weight;\n" + FORWARD),
        "[ParamShapeEmpty] @Param shape must not be empty, but weight has {}; a scalar parameter"
            + " is {\"1\"}", "@Param(shape = {})");
  }

  @Test
  void paramPresentIfNotBoolean() {
    assertSingleError(layer("  final boolean useBias = true;\n"
            + "  @Param(shape = {\"units\"},\n      presentIf = \"useBais\") Tensor bias;\n"
            + FORWARD),
        "[ParamPresentIfNotBoolean] @Param presentIf must name a non-private boolean field of Bad,"
            + " but \"useBais\" is not a field; did you mean \"useBias\"?", "presentIf = \"useBais\"");
  }

  @Test
  void shapeSyntax() {
    assertSingleError(layer("  @Param(shape = {\"units\",\n      \"units+\"}) Tensor weight;\n"
            + FORWARD),
        "[ShapeSyntax] @Param shape entry \"units+\" must be an integer, a name, or + - * / on"
            + " them, but it ends too early", "\"units+\"");
  }

  @Test
  void shapeNotPositive() {
    assertSingleError(layer("  @Param(shape = {\"units\",\n      \"0\"}) Tensor weight;\n" + FORWARD),
        "[ShapeNotPositive] @Param shape entry \"0\" must be positive, but it has 0", "\"0\"");
  }

  @Test
  void shapeEllipsisMisplaced() {
    assertSingleError(layer("  public Tensor forward(@Shape({\"batch\",\n      \"...\"}) Tensor x) {"
            + " return x; }\n"),
        "[ShapeEllipsisMisplaced] @Shape entry \"...\" must be the first entry of a forward"
            + " @Shape, but it is entry 2", "\"...\"");
  }

  @Test
  void shapeUnknownName() {
    assertSingleError(layer("  @Param(shape = {\"unit\"}) Tensor bias;\n" + FORWARD),
        "[ShapeUnknownName] @Param shape entry \"unit\" uses unit, which must be an int field of"
            + " Bad or a name bound by forward's @Shape argument; did you mean \"units\"?",
        "@Param(shape = {\"unit\"})");
  }

  private static final String NEAR_MISS_HEADER = "package test;\n"
      + "import dev.lamina.Module;\n"
      + "import dev.lamina.Tensor;\n"
      + "import dev.lamina.annotations.*;\n"
      + "@Layer public abstract class Near extends Module {\n"
      + "  final int inUnits;\n"
      + "  final int units;\n"
      + "  Near(int inUnits, int units) { this.inUnits = inUnits; this.units = units; }\n";

  private static JavaFileObject nearMiss(String members) {
    return source("test.Near", NEAR_MISS_HEADER + members + "}\n");
  }

  @Test
  void shapeNameNearMiss() {
    JavaFileObject source = nearMiss("  @Param(shape = {\"inUnits\", \"units\"}) Tensor weight;\n"
        + "  public Tensor forward(\n"
        + "      @Shape({\"batch\", \"inUnit\"}) Tensor x) { return x.relu(); }\n");
    Compilation compilation = compile(source);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).hadWarningContaining("[ShapeNameNearMiss] \"inUnit\" in forward's"
        + " @Shape matches no field and binds a new size; did you mean inUnits?")
        .inFile(source).onLineContaining("@Shape({\"batch\", \"inUnit\"})");
    // A warning does not stop generation.
    assertThat(compilation).generatedSourceFile("test.Lamina_Near").isNotNull();
  }

  @Test
  void paramShapeNameNearMiss() {
    JavaFileObject source = nearMiss("  @Param(shape = {\"inUnit\", \"units\"}) Tensor weight;\n"
        + "  public Tensor forward(\n"
        + "      @Shape({\"batch\", \"inUnit\"}) Tensor x) { return x.matmul(weight); }\n");
    Compilation compilation = compile(source);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(2);
    assertThat(compilation).hadWarningContaining("[ParamShapeNameNearMiss] \"inUnit\" in @Param"
        + " shape of weight matches no field, so weight is allocated on the first call with the"
        + " size forward's input binds; did you mean inUnits?")
        .inFile(source).onLineContaining("@Param(shape = {\"inUnit\", \"units\"})");
    assertThat(compilation).hadWarningContaining("[ShapeNameNearMiss] \"inUnit\"")
        .inFile(source).onLineContaining("@Shape({\"batch\", \"inUnit\"})");
  }

  @Test
  void namesFarFromEveryFieldOrBoundTwiceAreNotNearMisses() {
    // "batch" and "seq" are far from every field; "unit" is bound by both arguments, so meant;
    // "in" is too short to tell.
    JavaFileObject source = nearMiss("  @Param(shape = {\"in\", \"unit\"}) Tensor weight;\n"
        + "  public Tensor forward(@Shape({\"batch\", \"seq\", \"in\"}) Tensor x,\n"
        + "      @Shape({\"batch\", \"unit\"}) Tensor h,\n"
        + "      @Shape({\"batch\", \"unit\"}) Tensor c) { return x; }\n");
    Compilation compilation = compile(source);
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void paramShapeSizeInvalid() {
    assertSingleError(layer("  @Param(shape = {\"units\",\n      \"7/2\"}) Tensor weight;\n" + FORWARD),
        "[ParamShapeSizeInvalid] @Param shape entry \"7/2\" must be a positive size that divides"
            + " exactly and fits an int, but 7 is not divisible by 2", "\"7/2\"");
  }

  @Test
  void paramShapeSizeInvalidWhenNotPositiveOrTooLarge() {
    assertSingleError(layer("  @Param(shape = {\"units\",\n      \"3-5\"}) Tensor weight;\n" + FORWARD),
        "[ParamShapeSizeInvalid] @Param shape entry \"3-5\" must be a positive size that divides"
            + " exactly and fits an int, but it is -2", "\"3-5\"");
    assertSingleError(layer("  @Param(shape = {\"units\",\n      \"65536*65536\"}) Tensor w;\n"
            + FORWARD),
        "[ParamShapeSizeInvalid] @Param shape entry \"65536*65536\" must be a positive size that"
            + " divides exactly and fits an int, but 65536*65536 is 4294967296, more than an int"
            + " holds", "\"65536*65536\"");
  }

  @Test
  void shapeNameNotInt() {
    assertSingleError(layer("  final double rate = 0.5;\n"
            + "  @Param(shape = {\"rate\"}) Tensor bias;\n" + FORWARD),
        "[ShapeNameNotInt] @Param shape entry \"rate\" must use int fields only, but rate is"
            + " double", "@Param(shape = {\"rate\"})");
  }

  @Test
  void shapeNotTensor() {
    assertSingleError(layer(FORWARD + "  void helper(@Shape({\"n\"}) double[] values) {}\n"),
        "[ShapeNotTensor] @Shape must be on a Tensor argument or record component, but values is"
            + " double[]",
        "void helper");
  }

  @Test
  void shapeOptionalOnResult() {
    assertSingleError(layer("  @Shape(value = {\"units\"},\n      optional = true)\n" + FORWARD),
        "[ShapeOptionalOnResult] @Shape optional must be on a forward argument, because forward"
            + " always returns a Tensor, but it is on Bad.forward", "optional = true");
  }

  @Test
  void shapeOptionalBindsParam() {
    assertSingleError(layer("  @Param(shape = {\"units\", \"d\"}) Tensor weight;\n"
            + "  public Tensor forward(@Shape({\"batch\", \"units\"}) Tensor x,\n"
            + "      @Shape(value = {\"batch\", \"d\"}, optional = true) Tensor mask) {"
            + " return x; }\n"),
        "[ShapeOptionalBindsParam] @Shape optional argument mask must not be the only one to"
            + " bind \"d\", because @Param weight needs its size even when mask is null",
        "optional = true");
  }

  @Test
  void shapeOutsideForward() {
    assertSingleError(layer(FORWARD + "  @Shape({\"n\"})\n  Tensor helper(Tensor x) { return x; }\n"),
        "[ShapeOutsideForward] @Shape must be on forward(Tensor) of a @Layer class or on its"
            + " argument, but it is on Bad.helper", "@Shape({\"n\"})");
  }
}
