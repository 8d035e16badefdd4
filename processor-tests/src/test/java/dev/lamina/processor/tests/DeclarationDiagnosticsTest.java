package dev.lamina.processor.tests;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.lamina.processor.tests.Compilations.compile;
import static dev.lamina.processor.tests.Compilations.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One test per diagnostic about buffers, lists and maps of children and the names fields are saved
 * under, each named after the diagnostic's tag (see {@link CatalogCoverageTest}).
 */
class DeclarationDiagnosticsTest {
  private static final String HEADER = "package test;\n"
      + "import dev.lamina.Module;\n"
      + "import dev.lamina.Tensor;\n"
      + "import dev.lamina.annotations.*;\n"
      + "import dev.lamina.nn.Linear;\n"
      + "import java.util.*;\n"
      + "@Layer public abstract class Bad extends Module {\n"
      + "  final int units;\n"
      + "  Bad(int units) { this.units = units; }\n"
      + "  public Tensor forward(@Shape({\"batch\", \"in\"}) Tensor x) { return x; }\n";

  /** A layer with an int field {@code units}, a forward binding {@code in}, and {@code members}. */
  private static JavaFileObject layer(String members) {
    return source("test.Bad", HEADER + members + "}\n");
  }

  private static void assertSingleError(JavaFileObject source, String message, String line) {
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
  }

  @Test
  void bufferOutsideLayer() {
    JavaFileObject source = source("test.Plain", "package test;\n"
        + "import dev.lamina.Tensor;\n"
        + "import dev.lamina.annotations.Buffer;\n"
        + "public class Plain {\n"
        + "  @Buffer(shape = {\"3\"}) Tensor counts;\n"
        + "}\n");
    assertSingleError(source,
        "[BufferOutsideLayer] @Buffer field must be in a @Layer class, but Plain is not one",
        "@Buffer");
  }

  @Test
  void bufferNotTensor() {
    assertSingleError(layer("  @Buffer(shape = {\"units\"}) float[] mean;\n"),
        "[BufferNotTensor] @Buffer field must be a Tensor, but mean is float[]", "float[] mean");
  }

  @Test
  void bufferPrivate() {
    assertSingleError(layer("  @Buffer(shape = {\"units\"}) private Tensor mean;\n"),
        "[BufferPrivate] @Buffer field must not be private, because the generated Lamina_Bad"
            + " assigns it", "private Tensor mean");
  }

  @Test
  void bufferStatic() {
    assertSingleError(layer("  @Buffer(shape = {\"3\"}) static Tensor mean;\n"),
        "[BufferStatic] @Buffer field must not be static, because each layer has its own mean",
        "static Tensor mean");
  }

  @Test
  void bufferFinal() {
    assertSingleError(layer("  @Buffer(shape = {\"3\"}) final Tensor mean = null;\n"),
        "[BufferFinal] @Buffer field must not be final, because the generated Lamina_Bad assigns"
            + " it after the constructor", "final Tensor mean");
  }

  @Test
  void bufferAndParam() {
    assertSingleError(layer("  @Param(shape = {\"units\"})\n"
            + "  @Buffer(shape = {\"units\"}) Tensor mean;\n"),
        "[BufferAndParam] @Buffer and @Param must not both be on mean, because a tensor is either"
            + " trained or not", "@Buffer");
  }

  @Test
  void bufferInitRandom() {
    assertSingleError(layer("  @Buffer(shape = {\"units\"},\n"
            + "      init = Init.NORMAL) Tensor noise;\n"),
        "[BufferInitRandom] @Buffer init must be ZEROS or ONES, because a buffer is state that"
            + " starts known, not a weight to draw, but noise is NORMAL; draw it in"
            + " resetParameters() if it must be random", "init = Init.NORMAL");
  }

  @Test
  void bufferShapeInferred() {
    assertSingleError(layer("  @Buffer(shape = {\"units\",\n"
            + "      \"in\"}) Tensor mean;\n"),
        "[BufferShapeInferred] @Buffer shape entry \"in\" must use int fields only, because a"
            + " buffer is allocated with the layer, but in is bound only by forward's argument",
        "\"in\"}) Tensor mean");
  }

  @Test
  void stateNameClash() {
    assertSingleError(layer("  @Param(shape = {\"units\"}) Tensor runningMean;\n"
            + "  @Buffer(shape = {\"units\"}) Tensor running_mean;\n"),
        "[StateNameClash] @Layer field running_mean must not be saved under the same name as"
            + " runningMean, but both are \"running_mean\" in state dicts; rename one",
        "Tensor running_mean");
  }

  @Test
  void childCollectionUnsupported() {
    assertSingleError(layer("  final Set<Linear> heads = new HashSet<>();\n"),
        "[ChildCollectionUnsupported] @Layer field heads must not be java.util.Set<dev.lamina.nn."
            + "Linear>, because the generated Lamina_Bad registers modules held in a Module field,"
            + " a List<M> or a Map<String, M> only, and these would be left out: use"
            + " List<dev.lamina.nn.Linear>, whose modules are named 0, 1, ... in order, or"
            + " Map<String, dev.lamina.nn.Linear> to name them yourself", "Set<Linear> heads");
  }

  @Test
  void childCollectionUnsupportedSaysWhatToUseForEachForm() {
    String[][] cases = {
      {"  final Linear[] layers = new Linear[2];\n",
          "use List<dev.lamina.nn.Linear>, whose modules are named 0, 1, ... in order"},
      {"  final Optional<Linear> head = Optional.empty();\n",
          "use a field of type dev.lamina.nn.Linear that may be null; a null child is saved as null"},
      {"  final Map<Integer, Linear> byDigit = new HashMap<>();\n",
          "use Map<String, dev.lamina.nn.Linear>, whose modules are named by their keys"},
      {"  final List<List<Linear>> grid = new ArrayList<>();\n",
          "hold each inner collection in a child layer of its own, and those layers in a List<M>"
              + " or a Map<String, M>"},
    };
    for (String[] c : cases) {
      Compilation compilation = compile(layer(c[0]));
      assertThat(compilation).hadErrorCount(1);
      assertThat(compilation).hadErrorContaining("[ChildCollectionUnsupported]");
      assertThat(compilation).hadErrorContaining(c[1]);
    }
  }

  @Test
  void tensorCollectionUnsupported() {
    assertSingleError(layer("  final List<Tensor> weights = new ArrayList<>();\n"),
        "[TensorCollectionUnsupported] @Layer field weights must not be"
            + " java.util.List<dev.lamina.Tensor>, because a layer's tensors are its @Param and"
            + " @Buffer fields, and these would not be saved, loaded or trained: declare each as a"
            + " @Param or @Buffer field, or hold them in a list of child layers",
        "List<Tensor> weights");
  }

  @Test
  void supportedCollectionsCompileWithoutWarnings() {
    Compilation compilation = compile(layer(
        "  final List<Linear> blocks = new ArrayList<>();\n"
            + "  final ArrayList<? extends Linear> more = new ArrayList<>();\n"
            + "  final Map<String, Linear> heads = new LinkedHashMap<>();\n"
            + "  final List<Object> notes = new ArrayList<>();\n"
            + "  final java.util.function.UnaryOperator<Tensor> activation = Tensor::relu;\n"
            + "  @Buffer(shape = {}, dtype = DType.INT64) Tensor count;\n"));
    assertThat(compilation).succeededWithoutWarnings();
  }
}
