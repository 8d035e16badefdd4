package dev.lamina.processor.tests;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.lamina.processor.tests.Compilations.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.lamina.processor.LayerProcessor;
import dev.lamina.processor.LayerServicesProcessor;
import java.util.List;
import java.util.Locale;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The notes of the body checks: the shape of each local tensor with {@code -Alamina.shapes=verbose},
 * and the one note saying that bodies are not checked when the compiler has no javac trees.
 */
class ShapeNotesTest {
  private static final String HEADER = "package test;\n"
      + "import dev.lamina.Module;\n"
      + "import dev.lamina.Tensor;\n"
      + "import dev.lamina.annotations.*;\n";

  private static JavaFileObject layer(String name, String members) {
    return source("test." + name, HEADER
        + "@Layer public abstract class " + name + " extends Module {\n"
        + "  final int inUnits;\n"
        + "  final int units;\n"
        + "  " + name + "(int inUnits, int units) { this.inUnits = inUnits; this.units = units; }\n"
        + members
        + "}\n");
  }

  private static final String SEVERAL_LOCALS = ""
      + "  @Param(shape = {\"inUnits\", \"units\"}) Tensor weight;\n"
      + "  public Tensor forward(@Shape({\"batch\", \"inUnits\"}) Tensor x) {\n"
      + "    Tensor h = x.matmul(weight);\n"
      + "    var scores = h.softmax(-1);\n"
      + "    h = h.sum(1, true);\n"
      + "    Tensor other = helper(h);\n"
      + "    int rows = x.size(0);\n"
      + "    Tensor pending;\n"
      + "    if (rows > 1) {\n"
      + "      pending = scores.t();\n"
      + "    } else {\n"
      + "      pending = scores;\n"
      + "    }\n"
      + "    return h.add(other).add(pending);\n"
      + "  }\n"
      + "  Tensor helper(Tensor t) { return t; }\n";

  private static Compilation compile(List<String> options, JavaFileObject... sources) {
    return Compiler.javac()
        .withProcessors(new LayerProcessor(), new LayerServicesProcessor())
        .withOptions(options)
        .compile(sources);
  }

  private static List<String> notesContaining(Compilation compilation, String text) {
    return compilation.notes().stream()
        .map(note -> note.getMessage(Locale.ROOT))
        .filter(message -> message.contains(text))
        .toList();
  }

  @Test
  void shapeOfLocal() {
    JavaFileObject source = layer("Verbose", SEVERAL_LOCALS);
    Compilation compilation = compile(List.of("-Alamina.shapes=verbose"), source);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).hadNoteContaining("[ShapeOfLocal] h: [batch, units]")
        .inFile(source).onLineContaining("Tensor h = x.matmul(weight);");
    assertThat(compilation).hadNoteContaining("[ShapeOfLocal] scores: [batch, units]")
        .inFile(source).onLineContaining("var scores = h.softmax(-1);");
    assertThat(compilation).hadNoteContaining("[ShapeOfLocal] h: [batch, 1]")
        .inFile(source).onLineContaining("h = h.sum(1, true);");
    assertThat(compilation).hadNoteContaining("[ShapeOfLocal] pending: [units, batch]")
        .inFile(source).onLineContaining("pending = scores.t();");
    assertThat(compilation).hadNoteContaining("[ShapeOfLocal] pending: [batch, units]")
        .inFile(source).onLineContaining("pending = scores;");
    // Every local tensor, and nothing else: the int is not one, and the undeclared value is.
    assertThat(notesContaining(compilation, "[ShapeOfLocal]")).containsExactly(
        "[ShapeOfLocal] h: [batch, units]",
        "[ShapeOfLocal] scores: [batch, units]",
        "[ShapeOfLocal] h: [batch, 1]",
        "[ShapeOfLocal] other: unknown",
        "[ShapeOfLocal] pending: [units, batch]",
        "[ShapeOfLocal] pending: [batch, units]").inOrder();
  }

  @Test
  void anUnknownShapeIsShownAsUnknownOnItsLine() {
    JavaFileObject source = layer("Unknown", SEVERAL_LOCALS);
    Compilation compilation = compile(List.of("-Alamina.shapes=verbose"), source);
    assertThat(compilation).hadNoteContaining("[ShapeOfLocal] other: unknown")
        .inFile(source).onLineContaining("Tensor other = helper(h);");
  }

  @Test
  void aPartlyKnownShapeShowsWhatIsKnown() {
    JavaFileObject source = layer("Partly", ""
        + "  public Tensor forward(@Shape({\"batch\", \"inUnits\"}) Tensor x) {\n"
        + "    Tensor rows = x.reshape(-1, units);\n"
        + "    return rows;\n"
        + "  }\n");
    Compilation compilation = compile(List.of("-Alamina.shapes=verbose"), source);
    assertThat(notesContaining(compilation, "[ShapeOfLocal]")).hasSize(1);
    assertThat(compilation).hadNoteContaining("[ShapeOfLocal] rows: [")
        .inFile(source).onLineContaining("Tensor rows = x.reshape(-1, units);");
  }

  @Test
  void noShapeNotesWithoutTheOption() {
    Compilation compilation = compile(List.of(), layer("Quiet", SEVERAL_LOCALS));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(notesContaining(compilation, "[ShapeOfLocal]")).isEmpty();
    assertThat(notesContaining(compilation, "[BodyChecksOff]")).isEmpty();
  }

  @Test
  void noShapeNotesWhenBodyChecksAreOff() {
    Compilation compilation = compile(
        List.of("-Alamina.shapes=verbose", "-Alamina.checkBodies=false"),
        layer("Off", SEVERAL_LOCALS));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(notesContaining(compilation, "[ShapeOfLocal]")).isEmpty();
  }

  @Test
  void theOptionsAreDeclared() {
    assertThat(new LayerProcessor().getSupportedOptions())
        .containsExactly(LayerProcessor.CHECK_BODIES, LayerProcessor.SHAPES);
    // javac warns about an option no processor declares; these give no warning.
    Compilation compilation = compile(List.of("-Alamina.shapes=verbose",
        "-Alamina.checkBodies=true"), layer("Declared", SEVERAL_LOCALS));
    assertThat(compilation).succeededWithoutWarnings();
  }

  // ------------------------------------------------------------ another compiler

  /** A body with a shape mistake that javac's trees would show. */
  private static final String TRANSPOSED = ""
      + "  @Param(shape = {\"units\", \"inUnits\"}) Tensor weight;\n"
      + "  public Tensor forward(@Shape({\"batch\", \"inUnits\"}) Tensor x) {\n"
      + "    return x.matmul(weight);\n"
      + "  }\n";

  private static Compilation compileWithoutTrees(List<String> options,
      JavaFileObject... sources) {
    return Compiler.javac()
        .withProcessors(new WithoutTrees(), new LayerServicesProcessor())
        .withOptions(options)
        .compile(sources);
  }

  @Test
  void bodyChecksOff() {
    JavaFileObject first = layer("First", TRANSPOSED);
    JavaFileObject second = layer("Second", TRANSPOSED);
    Compilation compilation = compileWithoutTrees(List.of("-Alamina.shapes=verbose"), first,
        second);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).hadNoteContaining("[BodyChecksOff] @Layer forward bodies are not"
            + " checked for shape mistakes in this compilation, because the compiler gives"
            + " annotation processors no source trees (javac does); declared @Shapes are still"
            + " checked on every call")
        .inFile(first).onLineContaining("@Layer public abstract class First");
    assertWithMessage("said once per compilation")
        .that(notesContaining(compilation, "[BodyChecksOff]")).hasSize(1);
    assertThat(notesContaining(compilation, "[ShapeOfLocal]")).isEmpty();
  }

  @Test
  void withoutTreesEverythingElseWorks() throws Exception {
    Compilation compilation = compileWithoutTrees(List.of(), layer("Works", TRANSPOSED));
    assertThat(compilation).succeeded();
    String generated = compilation.generatedSourceFile("test.Lamina_Works").orElseThrow()
        .getCharContent(false).toString();
    assertThat(generated).contains("shapes.sizes(\"weight\", \"units\", \"inUnits\")");
    assertThat(generated).doesNotContain("inferredOutputShape");

    JavaFileObject wrong = source("test.Wrong", HEADER
        + "@Layer public abstract class Wrong extends Module {\n"
        + "  @Param(shape = {\"2\"}) double[] weight;\n"
        + "  public Tensor forward(Tensor x) { return x; }\n"
        + "}\n");
    Compilation declarations = compileWithoutTrees(List.of(), wrong);
    assertThat(declarations).hadErrorCount(1);
    assertThat(declarations).hadErrorContaining("[ParamNotTensor]").inFile(wrong)
        .onLineContaining("double[] weight;");
  }

  @Test
  void noBodyChecksOffNoteWhenTheUserTurnedThemOff() {
    Compilation compilation = compileWithoutTrees(List.of("-Alamina.checkBodies=false"),
        layer("Asked", TRANSPOSED));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(notesContaining(compilation, "[BodyChecksOff]")).isEmpty();
  }
}
