package dev.lamina.processor.tests;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static dev.lamina.processor.tests.Compilations.compile;
import static dev.lamina.processor.tests.Compilations.source;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed layers of every kind: each must end in a compiler error with a position, and none in
 * the processor failing ("an annotation processor threw an uncaught exception", or our own
 * InternalError).
 */
class RobustnessCorpusTest {
  private static final String HEADER = "package test;\n"
      + "import dev.lamina.Module;\n"
      + "import dev.lamina.Tensor;\n"
      + "import dev.lamina.annotations.*;\n";
  private static final String FORWARD = "  public Tensor forward(Tensor x) { return x; }\n";

  /** A file with a layer that has an int field {@code units} and the given members. */
  private static String layer(String members) {
    return HEADER + "@Layer abstract class Bad extends Module {\n  final int units = 3;\n"
        + members + "}\n";
  }

  private static String paramShape(String entries) {
    return layer("  @Param(shape = {" + entries + "}) Tensor weight;\n" + FORWARD);
  }

  private static String argumentShape(String entries) {
    return layer("  public Tensor forward(@Shape({" + entries + "}) Tensor x) { return x; }\n");
  }

  static Stream<Arguments> corpus() {
    List<Arguments> cases = new ArrayList<>();
    // Wrong annotations.
    cases.add(Arguments.of("layer on enum", HEADER + "@Layer enum Bad { A }\n"));
    cases.add(Arguments.of("layer on record", HEADER + "@Layer record Bad(int a) {}\n"));
    cases.add(Arguments.of("layer on annotation", HEADER + "@Layer @interface Bad {}\n"));
    cases.add(Arguments.of("layer on interface", HEADER + "@Layer interface Bad {}\n"));
    cases.add(Arguments.of("layer name not a string", HEADER
        + "@Layer(name = 3) abstract class Bad extends Module {\n" + FORWARD + "}\n"));
    cases.add(Arguments.of("param on method", layer("  @Param(shape = {\"3\"}) Tensor w() {"
        + " return null; }\n" + FORWARD)));
    cases.add(Arguments.of("shape on field", layer("  @Shape({\"3\"}) Tensor w;\n" + FORWARD)));
    cases.add(Arguments.of("param without shape", layer("  @Param Tensor w;\n" + FORWARD)));
    cases.add(Arguments.of("param init a string",
        layer("  @Param(shape = {\"3\"}, init = \"NORMAL\") Tensor w;\n" + FORWARD)));
    cases.add(Arguments.of("param init unknown",
        layer("  @Param(shape = {\"3\"}, init = Init.GAUSSIAN) Tensor w;\n" + FORWARD)));
    cases.add(Arguments.of("param twice",
        layer("  @Param(shape = {\"3\"}) @Param(shape = {\"3\"}) Tensor w;\n" + FORWARD)));
    cases.add(Arguments.of("param shape of ints", layer("  @Param(shape = {3}) Tensor w;\n"
        + FORWARD)));
    cases.add(Arguments.of("presentIf an int", layer("  @Param(shape = {\"3\"}, presentIf ="
        + " \"units\") Tensor w;\n" + FORWARD)));
    cases.add(Arguments.of("param outside layer", HEADER + "class Bad {\n"
        + "  @Param(shape = {\"3\"}) Tensor w;\n}\n"));
    cases.add(Arguments.of("shape outside layer", HEADER + "class Bad extends Module {\n"
        + "  public Tensor forward(@Shape({\"n\"}) Tensor x) { return x; }\n}\n"));
    // Wrong types and modifiers.
    for (String type : List.of("int", "String", "Tensor[]", "java.util.List<Tensor>", "Object",
        "float[]")) {
      cases.add(Arguments.of("param of type " + type,
          layer("  @Param(shape = {\"3\"}) " + type + " w;\n" + FORWARD)));
    }
    cases.add(Arguments.of("forward returns void",
        layer("  public void forward(Tensor x) {}\n")));
    cases.add(Arguments.of("forward takes int", layer("  public Tensor forward(int x) {"
        + " return null; }\n")));
    cases.add(Arguments.of("forward private", layer("  private Tensor forward(Tensor x) {"
        + " return x; }\n")));
    cases.add(Arguments.of("constructor takes Object", layer("  final Object o;\n"
        + "  Bad(Object o) { this.o = o; }\n" + FORWARD)));
    cases.add(Arguments.of("constructor takes a map", layer("  final java.util.Map<String,"
        + " Integer> m;\n  Bad(java.util.Map<String, Integer> m) { this.m = m; }\n" + FORWARD)));
    cases.add(Arguments.of("constructor field of another type", layer("  final long size;\n"
        + "  Bad(int size) { this.size = size; }\n" + FORWARD)));
    cases.add(Arguments.of("layer not a module", HEADER + "@Layer abstract class Bad {\n"
        + "  @Param(shape = {\"3\"}) Tensor w;\n}\n"));
    cases.add(Arguments.of("every mistake at once", HEADER
        + "@Layer final class Bad<T> {\n  @Param(shape = {}) private static final int w = 1;\n}\n"));
    // Bad shape strings.
    for (String entry : List.of("\"\"", "\" \"", "\"a b\"", "\"units//2\"", "\"(units\"",
        "\"units)\"", "\"3.5\"", "\"-1\"", "\"0\"", "\"units/0\"", "\"2147483648\"", "\"@\"",
        "\"units +\"", "\"...\"", "\"*units\"", "\"()\"", "\"in\"", "\"units\\t\"",
        "\"\\u00e9t\\u00e9\"")) {
      cases.add(Arguments.of("param shape " + entry, paramShape("\"units\", " + entry)));
    }
    cases.add(Arguments.of("argument shape ellipsis last", argumentShape("\"batch\", \"...\"")));
    cases.add(Arguments.of("argument shape expression unbound", argumentShape("\"n*m\"")));
    cases.add(Arguments.of("output shape unbound", layer("  @Shape({\"batch\"})\n" + FORWARD)));
    // Several inputs.
    cases.add(Arguments.of("forward takes nothing", layer("  public Tensor forward() {"
        + " return null; }\n")));
    cases.add(Arguments.of("forward takes a tensor and an int", layer("  public Tensor"
        + " forward(Tensor x, int k) { return x; }\n")));
    cases.add(Arguments.of("second argument shape on an int", layer("  public Tensor"
        + " forward(Tensor x, @Shape({\"n\"}) int k) { return x; }\n")));
    cases.add(Arguments.of("second argument shape unbound expression", layer("  public Tensor"
        + " forward(@Shape({\"batch\"}) Tensor x, @Shape({\"n*m\"}) Tensor h) { return x; }\n")));
    cases.add(Arguments.of("optional not a boolean", layer("  public Tensor forward(Tensor x,"
        + " @Shape(value = {\"n\"}, optional = \"yes\") Tensor m) { return x; }\n")));
    cases.add(Arguments.of("optional on the result", layer("  @Shape(value = {\"units\"},"
        + " optional = true)\n" + FORWARD)));
    cases.add(Arguments.of("only an optional argument binds a parameter's name",
        layer("  @Param(shape = {\"d\"}) Tensor w;\n  public Tensor forward(Tensor x,"
            + " @Shape(value = {\"d\"}, optional = true) Tensor m) { return x; }\n")));
    cases.add(Arguments.of("two inputs with the same shape name clash", layer("  public Tensor"
        + " forward(@Shape({\"...\", \"units\"}) Tensor x, @Shape({\"...\"}) Tensor x) {"
        + " return x; }\n")));
    cases.add(Arguments.of("unresolved second argument", layer("  public Tensor forward(Tensor x,"
        + " Missing h) { return x; }\n")));
    // Buffers.
    cases.add(Arguments.of("buffer without shape", layer("  @Buffer Tensor b;\n" + FORWARD)));
    cases.add(Arguments.of("buffer dtype unknown", layer("  @Buffer(shape = {\"3\"}, dtype ="
        + " DType.INT128) Tensor b;\n" + FORWARD)));
    cases.add(Arguments.of("buffer dtype a string", layer("  @Buffer(shape = {\"3\"}, dtype ="
        + " \"INT64\") Tensor b;\n" + FORWARD)));
    cases.add(Arguments.of("buffer persistent a string", layer("  @Buffer(shape = {\"3\"},"
        + " persistent = \"no\") Tensor b;\n" + FORWARD)));
    cases.add(Arguments.of("buffer and param", layer("  @Buffer(shape = {\"3\"})"
        + " @Param(shape = {\"3\"}) Tensor b;\n" + FORWARD)));
    cases.add(Arguments.of("buffer drawn at random", layer("  @Buffer(shape = {\"3\"},"
        + " init = Init.XAVIER_UNIFORM) Tensor b;\n" + FORWARD)));
    cases.add(Arguments.of("buffer on a method", layer("  @Buffer(shape = {\"3\"}) Tensor b() {"
        + " return null; }\n" + FORWARD)));
    cases.add(Arguments.of("buffer of type int", layer("  @Buffer(shape = {\"3\"}) int b;\n"
        + FORWARD)));
    cases.add(Arguments.of("buffer shape inferred", layer("  @Buffer(shape = {\"n\"}) Tensor b;\n"
        + "  public Tensor forward(@Shape({\"n\"}) Tensor x) { return x; }\n")));
    cases.add(Arguments.of("buffer shape syntax", layer("  @Buffer(shape = {\"units+\"}) Tensor"
        + " b;\n" + FORWARD)));
    cases.add(Arguments.of("buffer presentIf missing", layer("  @Buffer(shape = {\"3\"},"
        + " presentIf = \"nope\") Tensor b;\n" + FORWARD)));
    cases.add(Arguments.of("buffer outside layer", HEADER + "class Bad {\n"
        + "  @Buffer(shape = {\"3\"}) Tensor b;\n}\n"));
    cases.add(Arguments.of("buffer and param share a name", layer("  @Param(shape = {\"3\"})"
        + " Tensor fooBar;\n  @Buffer(shape = {\"3\"}) Tensor foo_bar;\n" + FORWARD)));
    // Collections of children and tensors.
    for (String type : List.of("Module[]", "java.util.Set<Module>", "java.util.Optional<Module>",
        "java.util.Map<Integer, Module>", "java.util.List<java.util.List<Module>>",
        "java.util.List<? super Module>", "java.util.Collection<Module>", "Tensor[][]",
        "java.util.Map<String, Tensor>", "java.util.Optional<Tensor>",
        "Iterable<Module>", "java.util.List<Missing>")) {
      cases.add(Arguments.of("field of type " + type, layer("  " + type + " held;\n" + FORWARD)));
    }
    cases.add(Arguments.of("private list of children", layer("  private final"
        + " java.util.List<Module> blocks = new java.util.ArrayList<>();\n" + FORWARD)));
    cases.add(Arguments.of("list of children and a child share a name", layer("  Module"
        + " fooBar;\n  java.util.List<Module> foo_bar;\n" + FORWARD)));
    cases.add(Arguments.of("list of children in a class that is not abstract", HEADER
        + "@Layer class Bad extends Module {\n  final java.util.List<Module> blocks = null;\n"
        + FORWARD + "}\n"));
    // Records as forward's result.
    String twoInputs = "  public State forward(@Shape({\"batch\", \"units\"}) Tensor x, Tensor h) {"
        + " return null; }\n";
    for (String record : List.of("record State(Tensor h, int steps) {}",
        "record State(Tensor h, @Shape({\"n\"}) int steps) {}",
        "record State(@Shape({\"batch\", \"a b\"}) Tensor h) {}",
        "record State(@Shape({\"batch\", \"m\"}) Tensor h) {}",
        "record State(@Shape({\"batch\", \"units/0\"}) Tensor h) {}",
        "record State(@Shape({\"batch\", \"units\"}) Missing h) {}",
        "record State(@Shape({\"batch\", \"units\"}) Tensor[] h) {}",
        "record State<T>(Tensor h, T extra) {}",
        "record State(@Shape(value = {\"x\"}, optional = \"no\") Tensor h) {}",
        "private record State(Tensor h) {}",
        "record State() {}")) {
      cases.add(Arguments.of("forward returns " + record, layer("  " + record + "\n" + twoInputs
          + (record.contains("State()") ? "  int broken() { return \"no\"; }\n" : ""))));
    }
    cases.add(Arguments.of("record forward with one input", layer("  record State(Tensor h) {}\n"
        + "  public State forward(Tensor x) { return null; }\n")));
    cases.add(Arguments.of("shape on a record result", layer("  record State(Tensor h) {}\n"
        + "  @Shape({\"batch\"})\n" + twoInputs)));
    cases.add(Arguments.of("forward returns a record from nowhere", layer("  public"
        + " MissingState forward(Tensor x, Tensor h) { return null; }\n")));
    cases.add(Arguments.of("forward returns an enum", layer("  enum Mode { A }\n  public Mode"
        + " forward(Tensor x, Tensor h) { return null; }\n")));
    // Enum hyperparameters.
    cases.add(Arguments.of("private enum hyperparameter", layer("  private enum Mode { A }\n"
        + "  final Mode mode;\n  Bad(Mode mode) { this.mode = mode; }\n" + FORWARD)));
    cases.add(Arguments.of("enum hyperparameter without its field", layer("  enum Mode { A }\n"
        + "  Bad(Mode mode) {}\n" + FORWARD)));
    cases.add(Arguments.of("enum hyperparameter with a field of another enum", layer(
        "  enum Mode { A }\n  enum Other { B }\n  final Other mode = Other.B;\n"
            + "  Bad(Mode mode) {}\n" + FORWARD)));
    cases.add(Arguments.of("enum array hyperparameter", layer("  enum Mode { A }\n"
        + "  final Mode[] modes;\n  Bad(Mode[] modes) { this.modes = modes; }\n" + FORWARD)));
    // Divisions.
    for (String entry : List.of("\"7/2\"", "\"units/\"", "\"/units\"", "\"3/0\"", "\"3-5\"",
        "\"65536*65536\"", "\"units/2/\"", "\"(7)/(2)\"")) {
      cases.add(Arguments.of("param shape division " + entry, paramShape("\"units\", " + entry)));
    }
    // Unusual forward bodies, each with a mistake javac reports: the body checks must not fail.
    for (String body : List.of(
        "java.util.function.Function<Tensor, Tensor> f = t -> t.matmul(missing); return f.apply(x);",
        "return switch (units) { case 1 -> x; default -> undefined(x); };",
        "class Local { Tensor go() { return x.t(); } } return new Local().go().add(nothing);",
        "Object o = new Object() { Tensor t = x.relu(); }; return (Tensor) o.missing;",
        "outer: for (int i = 0; i < 3; i++) { for (;;) { break outer; } } return y;",
        "do { x = x.relu(); } while (x == null); assert x != null; return x.add(zz);",
        "synchronized (this) { x = x.matmul(x); } return x.transpose(0, 9).add(q);",
        "if (x instanceof Tensor t && t.dim() > 0) { return t.reshape(-1, -1); } return w;",
        "var list = java.util.stream.Stream.of(x).map(Tensor::relu).toList(); return list.get(0).nope();",
        "return forward(forward(x.sum(5, true))).missing();",
        "Tensor[] parts = {x, x}; return Tensor.cat(undefinedDim, parts);",
        "return Tensor.einsum(\"i,,->\", x).add(Tensor.einsum(\"\", x), zz);",
        "int n = x.size(0) / 0; return x.reshape(n, n, n).plus();")) {
      cases.add(Arguments.of("forward body: " + body, layer(
          "  public Tensor forward(Tensor x) {\n    " + body + "\n  }\n")));
    }
        // Unresolved types.
    cases.add(Arguments.of("unresolved field type", layer("  Missing helper;\n" + FORWARD)));
    cases.add(Arguments.of("unresolved superclass", HEADER
        + "@Layer abstract class Bad extends MissingModule {\n" + FORWARD + "}\n"));
    cases.add(Arguments.of("unresolved param type", layer("  @Param(shape = {\"3\"}) Missing w;\n"
        + FORWARD)));
    cases.add(Arguments.of("unresolved constructor type", layer("  Bad(Missing m) {}\n"
        + FORWARD)));
    cases.add(Arguments.of("unresolved forward type", layer("  public Tensor forward(Missing x)"
        + " { return null; }\n" + FORWARD)));
    cases.add(Arguments.of("unresolved import", "import nowhere.Thing;\n" + layer(FORWARD)));
    cases.add(Arguments.of("misspelled annotation", HEADER
        + "@Lyer abstract class Bad extends Module {\n" + FORWARD + "}\n"));
    // javac errors elsewhere in the file, in an otherwise good layer.
    cases.add(Arguments.of("missing semicolon", layer("  public Tensor forward(Tensor x) {"
        + " return x }\n")));
    cases.add(Arguments.of("undefined variable", layer("  public Tensor forward(Tensor x) {"
        + " return y; }\n")));
    cases.add(Arguments.of("wrong return type elsewhere", layer(FORWARD
        + "  int helper() { return \"no\"; }\n")));
    cases.add(Arguments.of("missing brace", HEADER + "@Layer abstract class Bad extends Module {\n"
        + FORWARD));
    cases.add(Arguments.of("second class broken", layer(FORWARD) + "class Other { void f() {"
        + " undefined(); } }\n"));
    cases.add(Arguments.of("create calls a missing constructor", layer(FORWARD
        + "  static Bad create() { return new Lamina_Bad(1, 2); }\n")));
    return cases.stream();
  }

  @Test
  void theCorpusIsLargeEnough() {
    assertThat(corpus().count()).isAtLeast(50L);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void endsInACompilerErrorNotAProcessorFailure(String name, String text) {
    JavaFileObject source = source("test.Bad", text);
    Compilation compilation = compile(source);
    assertWithMessage(name).that(compilation.status()).isEqualTo(Compilation.Status.FAILURE);
    assertWithMessage(name).that(compilation.errors()).isNotEmpty();
    for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
      String message = error.getMessage(null);
      assertWithMessage(name).that(message).doesNotContain("threw an uncaught exception");
      assertWithMessage(name).that(message).doesNotContain("[InternalError]");
    }
  }
}
