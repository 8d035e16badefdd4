package dev.lamina.processor.tests;

import static com.google.common.truth.Truth.assertThat;
import static dev.lamina.processor.tests.Compilations.compile;
import static dev.lamina.processor.tests.Compilations.source;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import dev.lamina.Tensor;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One rule per op: the same mistake, with every size a literal, is found by the compiler in the
 * body of {@code forward} and by the op at run time, and both say the same problem in the same
 * words.
 */
class OneRuleTest {
  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of("an untransposed weight", "{\"3\", \"5\"}", "{\"2\", \"5\"}",
            "x.matmul(weight)",
            (Supplier<Tensor>) () -> Tensor.zeros(2, 5).matmul(Tensor.zeros(3, 5))),
        Arguments.of("a sum that does not broadcast", "{\"4\"}", "{\"2\", \"5\"}",
            "x.add(weight)", (Supplier<Tensor>) () -> Tensor.zeros(2, 5).add(Tensor.zeros(4))),
        Arguments.of("a reshape of the wrong count", "{\"5\"}", "{\"2\", \"5\"}",
            "x.reshape(3, 3)", (Supplier<Tensor>) () -> Tensor.zeros(2, 5).reshape(3, 3)),
        Arguments.of("a softmax over a dim out of range", "{\"5\"}", "{\"2\", \"5\"}",
            "x.softmax(2)", (Supplier<Tensor>) () -> Tensor.zeros(2, 5).softmax(2)),
        Arguments.of("a convolution given the wrong channels", "{\"4\", \"2\", \"3\", \"3\"}",
            "{\"1\", \"3\", \"8\", \"8\"}", "x.conv2d(weight, null)",
            (Supplier<Tensor>) () -> Tensor.zeros(1, 3, 8, 8)
                .conv2d(Tensor.zeros(4, 2, 3, 3), null)),
        Arguments.of("a cat of parts that differ", "{\"2\", \"4\"}", "{\"2\", \"5\"}",
            "Tensor.cat(0, x, weight)",
            (Supplier<Tensor>) () -> Tensor.cat(0, Tensor.zeros(2, 5), Tensor.zeros(2, 4))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void theCompilerAndTheOpSayTheSameProblem(String name, String weightShape, String inputShape,
      String expression, Supplier<Tensor> atRunTime) {
    JavaFileObject layer = source("test.Literal", "package test;\n"
        + "import dev.lamina.Module;\n"
        + "import dev.lamina.Tensor;\n"
        + "import dev.lamina.annotations.*;\n"
        + "@Layer public abstract class Literal extends Module {\n"
        + "  @Param(shape = " + weightShape + ") Tensor weight;\n"
        + "  public Tensor forward(@Shape(" + inputShape + ") Tensor x) {\n"
        + "    return " + expression + ";\n"
        + "  }\n"
        + "}\n");
    Compilation compilation = compile(layer);
    String compiled = compilation.errors().get(0).getMessage(null);
    String run = assertThrows(RuntimeException.class, atRunTime::get).getMessage();

    assertThat(compilation.errors()).hasSize(1);
    assertThat(compiled).startsWith("[ShapeMismatch] ");
    assertThat(problem(run)).isNotEmpty();
    assertThat(problem(compiled)).isEqualTo(problem(run));
  }

  /** What a message says is wrong: after the op and its operands, before a suggested fix. */
  private static String problem(String message) {
    int start = message.lastIndexOf("]: ") + 3;
    int hint = message.indexOf("; did you mean");
    return message.substring(start, hint < 0 ? message.length() : hint);
  }
}
