package dev.lamina.ops;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static dev.lamina.testing.Fixtures.floats;
import static dev.lamina.testing.Fixtures.ints;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.lamina.Tensor;
import dev.lamina.testing.GradCheck;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Tensor#einsum}: values and gradients against {@code torch.einsum}
 * ({@code fixtures/extras/make_einsum_fft_fixtures.py}), finite differences, naive loops, and the
 * messages for equations that do not fit their operands.
 */
class EinsumTest {
  private static final Path FIXTURES = Path.of("..", "fixtures", "extras", "einsum_fixtures.json");

  static Stream<Arguments> pytorchCases() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(FIXTURES)) {
      for (JsonElement c : JsonParser.parseReader(reader).getAsJsonObject().getAsJsonArray("cases")) {
        cases.add(Arguments.of(c.getAsJsonObject().get("equation").getAsString(), c));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pytorchCases")
  void valuesAndGradientsEqualPyTorch(String equation, JsonObject fixture) {
    JsonArray inputsJson = fixture.getAsJsonArray("inputs");
    Tensor[] inputs = new Tensor[inputsJson.size()];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = tensor(inputsJson.get(i).getAsJsonObject()).requiresGrad(true);
    }
    JsonObject expected = fixture.getAsJsonObject("output");

    Tensor out = Tensor.einsum(equation, inputs);
    out.mul(Tensor.of(floats(fixture.getAsJsonArray("weights")), out.shape())).sum().backward();

    assertWithMessage("%s: shape", equation).that(out.shape()).isEqualTo(ints(expected.getAsJsonArray("shape")));
    assertClose(equation + ": values", out.toFloatArray(), floats(expected.getAsJsonArray("values")));
    JsonArray grads = fixture.getAsJsonArray("grads");
    for (int i = 0; i < inputs.length; i++) {
      assertClose(equation + ": gradient of operand " + i, inputs[i].grad().toFloatArray(),
          floats(grads.get(i).getAsJsonArray()));
    }
  }

  @Test
  void tensorReductionMatchesTheSumItStandsFor() {
    Tensor w = Tensor.randn(3, 3, 2);
    Tensor x = Tensor.randn(4, 3);

    Tensor y = Tensor.einsum("ijk,bi,bj->bk", w, x, x);

    for (int b = 0; b < 4; b++) {
      for (int k = 0; k < 2; k++) {
        double sum = 0;
        for (int i = 0; i < 3; i++) {
          for (int j = 0; j < 3; j++) {
            sum += (double) w.get(i, j, k) * x.get(b, i) * x.get(b, j);
          }
        }
        assertThat((double) y.get(b, k)).isWithin(1e-5).of(sum);
      }
    }
  }

  @Test
  void batchedProductEqualsMatmul() {
    Tensor a = Tensor.randn(3, 5, 7);
    Tensor b = Tensor.randn(3, 7, 2);

    assertThat(Tensor.einsum("bij,bjk->bik", a, b).toFloatArray())
        .usingTolerance(1e-5).containsExactly(a.matmul(b).toFloatArray()).inOrder();
  }

  @Test
  void gradientsAgreeWithFiniteDifferences() {
    GradCheck.check("tensor reduction", in -> Tensor.einsum("ijk,bi,bj->bk", in[0], in[1], in[1]),
        Tensor.randn(3, 3, 2), Tensor.randn(2, 3));
    GradCheck.check("product", in -> Tensor.einsum("ij,jk->ik", in[0], in[1]),
        Tensor.randn(2, 3), Tensor.randn(3, 4));
    GradCheck.check("outer", in -> Tensor.einsum("i,j->ij", in[0], in[1]),
        Tensor.randn(3), Tensor.randn(2));
    GradCheck.check("diagonal", in -> Tensor.einsum("ii->i", in[0]), Tensor.randn(3, 3));
    GradCheck.check("trace", in -> Tensor.einsum("ii", in[0]), Tensor.randn(3, 3));
    GradCheck.check("broadcast", in -> Tensor.einsum("bij,bjk->bik", in[0], in[1]),
        Tensor.randn(1, 2, 3), Tensor.randn(2, 3, 2));
    GradCheck.check("ellipsis", in -> Tensor.einsum("...i,...i->...", in[0], in[1]),
        Tensor.randn(2, 3), Tensor.randn(3));
    GradCheck.check("scalar operand", in -> Tensor.einsum(",i->i", in[0], in[1]),
        Tensor.scalar(1.5f), Tensor.randn(3));
  }

  @Test
  void singleOperandPermutationsAreViews() {
    Tensor x = Tensor.randn(2, 3);

    Tensor transposed = Tensor.einsum("ij->ji", x);

    assertThat(transposed.shape()).isEqualTo(new int[] {3, 2});
    assertThat(transposed.storage()).isSameInstanceAs(x.storage());
  }

  @Test
  void labelsThatDoNotMatchNameTheLabelAndBothSizes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tensor.einsum("ij,jk->ik", Tensor.zeros(2, 3), Tensor.zeros(4, 5)));

    assertThat(e).hasMessageThat().isEqualTo("einsum: \"ij,jk->ik\" and shapes [2, 3], [4, 5]:"
        + " letter j is 3 in operand 0 and 4 in operand 1");
  }

  @Test
  void malformedEquationsAreRefusedClearly() {
    assertThat(message("ij,jk->ik", Tensor.zeros(2, 3)))
        .contains("the equation has 2 operands and 1 were given");
    assertThat(message("ijk->i", Tensor.zeros(2, 3)))
        .contains("operand 0 [2, 3] has 2 dimensions, but \"ijk\" names 3");
    assertThat(message("ij->k", Tensor.zeros(2, 3)))
        .contains("the output has label 'k', which no operand's subscripts have");
    assertThat(message("ij->ii", Tensor.zeros(2, 3)))
        .contains("the output has label 'i' more than once");
    assertThat(message("i1->i", Tensor.zeros(2, 3))).contains("operand 0 has '1'");
    assertThat(message("..i->i", Tensor.zeros(2, 3))).contains("(three dots)");
    assertThat(message("...i...->i", Tensor.zeros(2, 3))).contains("\"...\" more than once");
    assertThat(message("ij->i->j", Tensor.zeros(2, 3))).contains("more than one \"->\"");
    assertThat(message("ii->i", Tensor.zeros(2, 3)))
        .contains("letter i is both 2 and 3 in operand 0");
    assertThat(message("...,...->...", Tensor.zeros(2, 3), Tensor.zeros(4)))
        .contains("the dimension 1 under \"...\" has size 3 in operand 0 but size 4 in operand 1");
    assertThat(message("")).contains("expects at least one operand");
  }

  private static String message(String equation, Tensor... operands) {
    return assertThrows(IllegalArgumentException.class, () -> Tensor.einsum(equation, operands))
        .getMessage();
  }

  private static void assertClose(String what, float[] actual, float[] expected) {
    assertWithMessage("%s: length", what).that(actual.length).isEqualTo(expected.length);
    for (int i = 0; i < actual.length; i++) {
      double tolerance = 1e-5 + 1e-4 * Math.abs(expected[i]);
      assertWithMessage("%s at flat index %s", what, i)
          .that((double) actual[i]).isWithin(tolerance).of(expected[i]);
    }
  }

  private static Tensor tensor(JsonObject json) {
    return Tensor.of(floats(json.getAsJsonArray("values")), ints(json.getAsJsonArray("shape")));
  }
}
