package dev.lamina.nn;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.io.LoadResult;
import dev.lamina.io.ModuleFiles;
import dev.lamina.testing.GradCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MultiheadAttention} against PyTorch's {@code nn.MultiheadAttention(12, 3,
 * batch_first=True)} of {@code fixtures/extras/make_attention_fixtures.py}: its state dict loads
 * strictly, and the outputs and the gradients of {@code sum(w * output)} for the inputs and every
 * parameter are PyTorch's, with and without a key padding mask.
 */
class MultiheadAttentionTest {
  private static final Path EXTRAS = Path.of("..", "fixtures", "extras");
  private static final Path STATE = EXTRAS.resolve("multihead_attention.safetensors");

  @TempDir Path folder;

  private static MultiheadAttention loadedFromPytorch() throws IOException {
    MultiheadAttention attention = MultiheadAttention.create(12, 3);
    LoadResult result = ModuleFiles.loadWeights(attention, STATE);
    assertThat(result.allKeysMatched()).isTrue();
    assertThat(result.loadedKeys())
        .containsExactlyElementsIn(ModuleFiles.readStateDict(STATE).keySet());
    return attention;
  }

  private static Map<String, Tensor> io() throws IOException {
    return ModuleFiles.readStateDict(EXTRAS.resolve("multihead_attention.io.safetensors"));
  }

  @Test
  void computesPytorchsOutputAndGradients() throws IOException {
    assertMatchesPytorch("", false);
  }

  @Test
  void computesPytorchsOutputAndGradientsWithAKeyPaddingMask() throws IOException {
    assertMatchesPytorch("masked.", true);
  }

  private static void assertMatchesPytorch(String prefix, boolean masked) throws IOException {
    MultiheadAttention attention = loadedFromPytorch();
    Map<String, Tensor> io = io();
    Tensor query = io.get("query").requiresGrad(true);
    Tensor key = io.get("key").requiresGrad(true);
    Tensor value = io.get("value").requiresGrad(true);

    Tensor output = attention.forward(
        query, key, value, masked ? io.get("key_padding_mask") : null, null);
    output.mul(io.get("output_weights")).sum().backward();

    GradCheck.assertClose(prefix + "output", output, io.get(prefix + "output"));
    GradCheck.assertClose(prefix + "grad of query", query.grad(), io.get(prefix + "grad.query"));
    GradCheck.assertClose(prefix + "grad of key", key.grad(), io.get(prefix + "grad.key"));
    GradCheck.assertClose(prefix + "grad of value", value.grad(), io.get(prefix + "grad.value"));
    assertThat(attention.namedParameters()).hasSize(4);
    attention.namedParameters().forEach((name, parameter) -> GradCheck.assertClose(
        prefix + "grad of " + name, parameter.grad(), io.get(prefix + "grad." + name)));
  }

  @Test
  void selfAttentionIsPytorchsWithQueryKeyAndValueTheSame() throws IOException {
    Map<String, Tensor> io = io();

    Tensor output = loadedFromPytorch().selfAttention(io.get("self.input"));

    GradCheck.assertClose("self-attention", output, io.get("self.output"));
  }

  @Test
  void aBoolAttnMaskHidesWhereTrueAsInPytorch() throws IOException {
    MultiheadAttention attention = loadedFromPytorch();
    Map<String, Tensor> io = io();
    Tensor padding = io.get("key_padding_mask");
    // The same keys hidden for every query: the padding mask of sample 0, as a [L, S] attn mask.
    boolean[] hidden = new boolean[12];
    for (int i = 0; i < 12; i++) {
      hidden[i] = padding.getBoolean(0, i % 4);
    }

    Tensor output = attention.forward(io.get("query"), io.get("key"), io.get("value"), null,
        Tensor.ofBooleans(hidden, 3, 4));

    GradCheck.assertClose("sample 0 with the attn mask", output.select(0, 0),
        io.get("masked.output").select(0, 0));
  }

  @Test
  void aFloatAttnMaskIsAddedToTheScoresAsInPytorch() throws IOException {
    Map<String, Tensor> io = io();

    Tensor output = loadedFromPytorch().forward(
        io.get("query"), io.get("key"), io.get("value"), null, io.get("float_attn_mask"));

    GradCheck.assertClose("output with a float attn mask", output, io.get("float.output"));
  }

  @Test
  void savesExactlyPytorchsKeysAndShapesAndIsRebuiltFromItsFile() throws IOException {
    Path file = folder.resolve("multihead_attention.safetensors");
    MultiheadAttention attention = MultiheadAttention.create(12, 3);
    attention.save(file);

    assertThat(shapes(ModuleFiles.readStateDict(file)))
        .containsExactlyEntriesIn(shapes(ModuleFiles.readStateDict(STATE))).inOrder();
    Module rebuilt = Module.load(file);
    Tensor x = io().get("self.input");
    assertThat(rebuilt).isInstanceOf(MultiheadAttention.class);
    assertThat(((MultiheadAttention) rebuilt).selfAttention(x).toFloatArray())
        .isEqualTo(attention.selfAttention(x).toFloatArray());
  }

  private static Map<String, String> shapes(Map<String, Tensor> stateDict) {
    Map<String, String> shapes = new LinkedHashMap<>();
    stateDict.forEach((name, tensor) ->
        shapes.put(name, tensor.dtype() + Arrays.toString(tensor.shape())));
    return shapes;
  }

  @Test
  void startsAsPytorchInitializesIt() {
    MultiheadAttention attention = MultiheadAttention.create(12, 3);
    // xavier_uniform_ of [36, 12]: U(-b, b) with b = sqrt(6 / (12 + 36)).
    double bound = Math.sqrt(6.0 / 48);
    float largest = 0;
    for (float w : attention.inProjWeight().toFloatArray()) {
      largest = Math.max(largest, Math.abs(w));
    }

    assertThat((double) largest).isAtMost(bound);
    assertThat((double) largest).isGreaterThan(bound * 0.8);
    assertThat(attention.inProjBias().toFloatArray()).isEqualTo(new float[36]);
    assertThat(attention.outProj().bias().toFloatArray()).isEqualTo(new float[12]);
    float outLargest = 0;
    for (float w : attention.outProj().weight().toFloatArray()) {
      outLargest = Math.max(outLargest, Math.abs(w));
    }
    assertThat((double) outLargest).isAtMost(1 / Math.sqrt(12));
  }

  @Test
  void printsAsPytorchPrints() {
    assertThat(MultiheadAttention.create(12, 3).toString()).isEqualTo("MultiheadAttention(\n"
        + "  (out_proj): NonDynamicallyQuantizableLinear(in_features=12, out_features=12,"
        + " bias=True)\n)");
  }

  @Test
  void aHeadCountThatDoesNotDivideTheEmbeddingFailsAtConstruction() {
    RuntimeException e =
        assertThrows(RuntimeException.class, () -> MultiheadAttention.create(8, 3));

    assertThat(e).hasMessageThat().isEqualTo(
        "MultiheadAttention: parameter in_proj_weight, shape entry"
        + " \"3*numHeads*(embedDim/numHeads)\": embedDim=8 is not divisible by numHeads=3");
  }

  @Test
  void oneInputIsRefusedNamingTheFiveInputs() {
    RuntimeException e = assertThrows(RuntimeException.class,
        () -> MultiheadAttention.create(12, 3).forward(Tensor.zeros(2, 4, 12)));

    assertThat(e).hasMessageThat().isEqualTo(
        "MultiheadAttention.forward takes 5 inputs"
        + " (query, key, value, keyPaddingMask, attnMask), but was given 1");
  }

  @Test
  void wrongShapesAreReportedWithTheLayerAndTheDeclaredShape() {
    MultiheadAttention attention = MultiheadAttention.create(12, 3);
    Tensor query = Tensor.zeros(2, 3, 12);
    Tensor keys = Tensor.zeros(2, 4, 12);

    RuntimeException padding = assertThrows(RuntimeException.class,
        () -> attention.forward(query, keys, keys, Tensor.zeros(2, 5), null));

    assertThat(padding).hasMessageThat().isEqualTo(
        "MultiheadAttention.forward: keyPaddingMask has shape [2, 5],"
        + " expected [batch=2, sourceLength=4]");
  }
}
