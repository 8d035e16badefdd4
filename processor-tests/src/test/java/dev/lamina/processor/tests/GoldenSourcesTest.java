package dev.lamina.processor.tests;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.lamina.processor.tests.Compilations.compile;
import static dev.lamina.processor.tests.Compilations.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.lamina.processor.LayerProcessor;
import dev.lamina.processor.LayerServicesProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * The generated sources themselves: golden files for each kind of layer, the framing that the
 * AST comparison ignores, determinism, and a warning-free compile.
 */
class GoldenSourcesTest {
  private static final Path CHAPTER = Path.of("src/test/java/dev/lamina/chapter");

  private static JavaFileObject chapter(String name) throws IOException {
    return source("dev.lamina.chapter." + name, Files.readString(CHAPTER.resolve(name + ".java")));
  }

  private static void assertGolden(String layer) throws IOException {
    Compilation compilation = compile(chapter(layer));
    assertThat(compilation).succeeded();
    assertThat(compilation)
        .generatedSourceFile("dev.lamina.chapter.Lamina_" + layer)
        .hasSourceEquivalentTo(JavaFileObjects.forResource("golden/Lamina_" + layer + ".java"));
  }

  @Test
  void myLinear() throws IOException {
    assertGolden("MyLinear");
  }

  @Test
  void layerWithAnInferredDimension() throws IOException {
    assertGolden("MyLazyLinear");
  }

  @Test
  void layerWithTwoInputs() throws IOException {
    assertGolden("GruCell");
  }

  @Test
  void layerReturningARecord() throws IOException {
    assertGolden("LstmCell");
  }

  @Test
  void layerWithAChildModule() throws IOException {
    assertGolden("Residual");
  }

  @Test
  void layerWithBuffers() throws IOException {
    assertGolden("RunningNorm");
  }

  @Test
  void layerWithAListOfChildren() throws IOException {
    assertGolden("BlockStack");
  }

  @Test
  void generatedFileNamesItsSourceInJavadocAndGenerated() throws IOException {
    String text = generatedText(compile(chapter("MyLinear")), "Lamina_MyLinear");
    assertThat(text).contains("/**\n * The generated implementation of {@link MyLinear}:");
    assertThat(text).contains(
        " * <p>Generated from {@code dev.lamina.chapter.MyLinear} by the Lamina {@code @Layer}"
            + " processor; do not edit.\n */\n");
    assertThat(text).contains("import javax.annotation.processing.Generated;");
    assertThat(text).contains("@Generated(\n    value = \"dev.lamina.processor.LayerProcessor\",\n"
        + "    comments = \"from dev.lamina.chapter.MyLinear\"\n)\nfinal class Lamina_MyLinear");
  }

  @Test
  void theInferredOutputShapeComesFromTheBodyChecks() throws IOException {
    // MyLinear declares no output @Shape; its golden shows the one its body proves.
    String checked = generatedText(compile(chapter("MyLinear")), "Lamina_MyLinear");
    assertThat(checked).contains(
        "INFERRED_OUTPUT_SHAPE = SymbolicShape.of(\"batch\", \"units\");");
    Compilation unchecked = Compiler.javac()
        .withProcessors(new LayerProcessor(), new LayerServicesProcessor())
        .withOptions("-Alamina.checkBodies=false")
        .compile(chapter("MyLinear"));
    assertThat(generatedText(unchecked, "Lamina_MyLinear")).doesNotContain("inferredOutputShape");
  }

  @Test
  void noShapeIsInferredUnlessEveryReturnIsFollowed() throws IOException {
    String header = "package test;\n"
        + "import dev.lamina.Module;\n"
        + "import dev.lamina.Tensor;\n"
        + "import dev.lamina.annotations.*;\n"
        + "import java.util.function.Supplier;\n";
    // A return inside a while loop, which the checks do not follow, may return another shape.
    Compilation looped = compile(source("test.Looped", header
        + "@Layer public abstract class Looped extends Module {\n"
        + "  public Tensor forward(@Shape({\"batch\", \"n\"}) Tensor x) {\n"
        + "    while (x.numel() > 4) {\n"
        + "      return x.t();\n"
        + "    }\n"
        + "    return x;\n"
        + "  }\n"
        + "}\n"));
    assertThat(looped).succeeded();
    assertThat(generated(looped, "test.Lamina_Looped")).doesNotContain("inferredOutputShape");
    // A return in a lambda is the lambda's, not forward's, even in a loop not followed.
    Compilation lambda = compile(source("test.WithLambda", header
        + "@Layer public abstract class WithLambda extends Module {\n"
        + "  public Tensor forward(@Shape({\"batch\", \"n\"}) Tensor x) {\n"
        + "    while (x.numel() > 4) {\n"
        + "      Supplier<Tensor> other = () -> { return x.t(); };\n"
        + "      break;\n"
        + "    }\n"
        + "    return x.relu();\n"
        + "  }\n"
        + "}\n"));
    assertThat(lambda).succeeded();
    assertThat(generated(lambda, "test.Lamina_WithLambda"))
        .contains("INFERRED_OUTPUT_SHAPE = SymbolicShape.of(\"batch\", \"n\");");
  }

  private static String generated(Compilation compilation, String generatedClass)
      throws IOException {
    return compilation.generatedSourceFile(generatedClass).orElseThrow().getCharContent(false)
        .toString();
  }

  @Test
  void outputIsByteForByteDeterministic() throws IOException {
    String first = generatedText(compile(chapter("MyLazyLinear")), "Lamina_MyLazyLinear");
    String second = generatedText(compile(chapter("MyLazyLinear")), "Lamina_MyLazyLinear");
    assertThat(second).isEqualTo(first);
  }

  @Test
  void generatedCodeCompilesWithoutWarningsUnderXlintAll() throws IOException {
    List<JavaFileObject> sources = new ArrayList<>();
    for (String layer : List.of("MyLinear", "MyLazyLinear", "Residual", "TensorReduction",
        "HalfFourier")) {
      sources.add(chapter(layer));
    }
    Compilation processed = compile(sources.toArray(new JavaFileObject[0]));
    assertThat(processed).succeeded();
    List<JavaFileObject> all = new ArrayList<>(sources);
    all.addAll(processed.generatedSourceFiles());
    // The processors are off here: their own lint ("no processor claimed") is not the generated code's.
    Compilation strict = Compiler.javac()
        .withOptions("-proc:none", "-Xlint:all", "-Werror")
        .compile(all);
    assertThat(strict).succeededWithoutWarnings();
  }

  @Test
  void nestedLayerIsNamedAfterItsOuterClassAndListedForTheRegistry() throws IOException {
    JavaFileObject source = source("test.Blocks", "package test;\n"
        + "import dev.lamina.Module;\n"
        + "import dev.lamina.Tensor;\n"
        + "import dev.lamina.annotations.*;\n"
        + "public class Blocks {\n"
        + "  @Layer abstract static class Scale extends Module {\n"
        + "    @Param(shape = {\"1\"}, init = Init.ONES) Tensor factor;\n"
        + "    public Tensor forward(Tensor x) { return x.mul(factor); }\n"
        + "  }\n"
        + "}\n");
    Compilation compilation = compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.Lamina_Blocks_Scale").isNotNull();
    assertThat(compilation)
        .generatedFile(StandardLocation.CLASS_OUTPUT, "",
            "META-INF/services/dev.lamina.registry.LayerFactory")
        .contentsAsUtf8String().isEqualTo("test.Lamina_Blocks_Scale$Factory\n");
  }

  private static String generatedText(Compilation compilation, String simpleName)
      throws IOException {
    assertThat(compilation).succeeded();
    return compilation.generatedSourceFile("dev.lamina.chapter." + simpleName).orElseThrow()
        .getCharContent(false).toString();
  }
}
