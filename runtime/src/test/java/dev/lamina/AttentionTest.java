package dev.lamina;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.io.ModuleFiles;
import dev.lamina.testing.GradCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link Tensor#scaledDotProductAttention} against {@code fixtures/extras/make_attention_fixtures.py}
 * (PyTorch 1.13 has no {@code F.scaled_dot_product_attention}; the script writes its formula out
 * in PyTorch, with 2.0's mask conventions), and against finite differences.
 */
class AttentionTest {
  private static final Path FIXTURES = Path.of("..", "fixtures", "extras", "attention.io.safetensors");

  private static Map<String, Tensor> fixtures() throws IOException {
    return ModuleFiles.readStateDict(FIXTURES);
  }

  /** The case's mask: a bool or float one, or null. */
  private static Tensor mask(Map<String, Tensor> io, String name) {
    Tensor bool = io.get(name + ".bool_mask");
    return bool != null ? bool : io.get(name + ".float_mask");
  }

  @TestFactory
  Stream<DynamicTest> computePytorchsValuesAndGradients() throws IOException {
    Map<String, Tensor> io = fixtures();
    return Stream.of("plain", "bool_mask", "float_mask", "causal").map(name ->
        DynamicTest.dynamicTest(name, () -> {
          Tensor query = io.get(name + ".query").requiresGrad(true);
          Tensor key = io.get(name + ".key").requiresGrad(true);
          Tensor value = io.get(name + ".value").requiresGrad(true);

          Tensor output = Tensor.scaledDotProductAttention(
              query, key, value, mask(io, name), name.equals("causal"));
          output.mul(io.get(name + ".output_weights")).sum().backward();

          GradCheck.assertClose(name + " output", output, io.get(name + ".output"));
          GradCheck.assertClose(name + " grad of query", query.grad(), io.get(name + ".grad.query"));
          GradCheck.assertClose(name + " grad of key", key.grad(), io.get(name + ".grad.key"));
          GradCheck.assertClose(name + " grad of value", value.grad(), io.get(name + ".grad.value"));
        }));
  }

  @TestFactory
  Stream<DynamicTest> matchFiniteDifferences() throws IOException {
    Map<String, Tensor> io = fixtures();
    return Stream.of("plain", "bool_mask", "float_mask", "causal").map(name ->
        DynamicTest.dynamicTest(name, () -> {
          Tensor mask = mask(io, name);
          boolean causal = name.equals("causal");
          GradCheck.check("scaledDotProductAttention " + name,
              t -> Tensor.scaledDotProductAttention(t[0], t[1], t[2], mask, causal),
              io.get(name + ".query"), io.get(name + ".key"), io.get(name + ".value"));
        }));
  }

  @Test
  void aFloatMaskIsDifferentiable() throws IOException {
    Map<String, Tensor> io = fixtures();
    GradCheck.check("scaledDotProductAttention in its float mask",
        t -> Tensor.scaledDotProductAttention(t[0], t[1], t[2], t[3], false),
        io.get("float_mask.query"), io.get("float_mask.key"), io.get("float_mask.value"),
        io.get("float_mask.float_mask"));
  }

  @Test
  void theCausalMaskIsTheLowerTriangle() {
    Tensor query = Tensor.ones(3, 2);
    Tensor key = Tensor.ones(3, 2);
    Tensor value = Tensor.of(new float[] {1, 10, 100}, 3, 1);

    Tensor output = Tensor.scaledDotProductAttention(query, key, value, null, true);

    // Equal scores: query i averages the values of keys 0..i.
    assertThat(output.toFloatArray()).usingTolerance(1e-4).containsExactly(1f, 5.5f, 37f).inOrder();
  }

  @Test
  void refusesShapesThatDoNotFitAndAMaskWithIsCausal() {
    Tensor query = Tensor.zeros(2, 3, 4);
    IllegalArgumentException features = assertThrows(IllegalArgumentException.class,
        () -> Tensor.scaledDotProductAttention(query, Tensor.zeros(2, 5, 3), Tensor.zeros(2, 5, 6),
            null, false));
    IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
        () -> Tensor.scaledDotProductAttention(query, query, query, Tensor.zeros(3, 3), true));

    assertThat(features).hasMessageThat().isEqualTo("scaledDotProductAttention: query [..., L, E],"
        + " key [..., S, E] and value [..., S, Ev] do not fit: got [2, 3, 4], [2, 5, 3] and [2, 5, 6]");
    assertThat(both).hasMessageThat()
        .isEqualTo("scaledDotProductAttention: attnMask must be null when isCausal is true");
  }
}
