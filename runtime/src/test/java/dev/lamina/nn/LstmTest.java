package dev.lamina.nn;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.lamina.LayerForwardException;
import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.io.LoadResult;
import dev.lamina.io.ModuleFiles;
import dev.lamina.testing.Fixtures;
import dev.lamina.testing.GradCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LSTM} against PyTorch's {@code nn.LSTM(5, 4, num_layers=2, batch_first=True)} of
 * {@code fixtures/extras/make_rnn_fixtures.py}, and by finite differences.
 *
 * <p>Values are compared with {@link GradCheck#assertClose}: {@code 1e-5} absolute plus
 * {@code 1e-4} relative. The outputs are sigmoids and tanhs of sums of about ten float32
 * products, so each step rounds at about {@code 1e-7}; six steps through two layers, whose gates
 * and cell updates are contractions (their derivatives are below 1), keep the error near {@code 1e-6}, well inside.
 */
class LstmTest {
  private static final Path FOLDER = Path.of("..", "fixtures", "extras", "rnn");
  private static final JsonObject CONFIGS = Fixtures.load("fixtures/extras/rnn", "configs.json");

  @TempDir Path folder;

  private static LSTM pytorchsLstm() throws IOException {
    LSTM lstm = LSTM.create(5, 4, 2);
    LoadResult result = ModuleFiles.loadWeights(lstm, FOLDER.resolve("lstm.safetensors"));
    assertThat(result.allKeysMatched()).isTrue();
    return lstm;
  }

  private static Map<String, Tensor> io() throws IOException {
    return ModuleFiles.readStateDict(FOLDER.resolve("lstm.io.safetensors"));
  }

  @Test
  void reproducesPytorchsOutputAndFinalStateFromZeros() throws IOException {
    LSTM lstm = pytorchsLstm();
    Map<String, Tensor> io = io();

    Tensor output = lstm.forward(io.get("input"));
    LSTM.State state = lstm.forward(io.get("input"), null, null);

    GradCheck.assertClose("output", output, io.get("output"));
    GradCheck.assertClose("output of forward(x, null, null)", state.output(), io.get("output"));
    GradCheck.assertClose("h_n", state.h(), io.get("h_n"));
    GradCheck.assertClose("c_n", state.c(), io.get("c_n"));
  }

  @Test
  void reproducesPytorchsOutputFinalStateAndGradientsFromAGivenState() throws IOException {
    LSTM lstm = pytorchsLstm();
    Map<String, Tensor> io = io();
    Tensor x = io.get("input").requiresGrad(true);
    Tensor h0 = io.get("h0").requiresGrad(true);
    Tensor c0 = io.get("c0").requiresGrad(true);

    LSTM.State state = lstm.forward(x, h0, c0);
    state.output().mul(io.get("weights")).sum()
        .add(state.h().mul(io.get("weights.h_n")).sum())
        .add(state.c().mul(io.get("weights.c_n")).sum())
        .backward();

    GradCheck.assertClose("output", state.output(), io.get("output_from_h0"));
    GradCheck.assertClose("h_n", state.h(), io.get("h_n_from_h0"));
    GradCheck.assertClose("gradient of the input", x.grad(), io.get("grad.input"));
    GradCheck.assertClose("c_n", state.c(), io.get("c_n_from_h0"));
    GradCheck.assertClose("gradient of h0", h0.grad(), io.get("grad.h0"));
    GradCheck.assertClose("gradient of c0", c0.grad(), io.get("grad.c0"));
    assertThat(lstm.namedParameters()).hasSize(8);
    lstm.namedParameters().forEach((key, parameter) ->
        GradCheck.assertClose("gradient of " + key, parameter.grad(), io.get("grad." + key)));
  }

  @Test
  void savesExactlyPytorchsKeysAndShapes() throws IOException {
    LSTM lstm = LSTM.create(5, 4, 2);
    Path file = folder.resolve("lstm.safetensors");

    lstm.save(file);

    assertThat(shapes(ModuleFiles.readStateDict(file))).containsExactlyEntriesIn(
        shapes(ModuleFiles.readStateDict(FOLDER.resolve("lstm.safetensors")))).inOrder();
  }

  @Test
  void everyConfigurationHasPytorchsStateDictAndText() {
    for (String name : new String[] {"lstm", "lstm_deep", "lstm_deepest", "lstm_no_bias"}) {
      JsonObject config = CONFIGS.getAsJsonObject(name);
      LSTM lstm = LSTM.create(5, 4, config.get("num_layers").getAsInt(),
          config.get("bias").getAsBoolean());
      Map<String, String> expected = new LinkedHashMap<>();
      for (JsonElement entry : config.getAsJsonArray("state")) {
        expected.put(entry.getAsJsonArray().get(0).getAsString(),
            entry.getAsJsonArray().get(1).toString().replace(",", ", "));
      }

      assertThat(shapes(lstm.stateDict())).containsExactlyEntriesIn(expected).inOrder();
      assertThat(lstm.toString()).isEqualTo(config.get("repr").getAsString());
    }
  }

  @Test
  void isRebuiltFromItsOwnFile() throws IOException {
    LSTM lstm = LSTM.create(5, 4, 3, false);
    Path file = folder.resolve("lstm.safetensors");
    Tensor x = Tensor.randn(2, 3, 5);

    lstm.save(file);
    Module rebuilt = Module.load(file);

    assertThat(rebuilt.toString()).isEqualTo(lstm.toString());
    assertThat(rebuilt.forward(x).toFloatArray()).isEqualTo(lstm.forward(x).toFloatArray());
  }

  @Test
  void everyParameterStartsWithinPytorchsBound() {
    LSTM lstm = LSTM.create(7, 16, 2);
    double bound = 1 / Math.sqrt(16);

    lstm.namedParameters().forEach((key, parameter) -> {
      float[] values = parameter.toFloatArray();
      double largest = 0;
      for (float value : values) {
        largest = Math.max(largest, Math.abs(value));
      }
      assertWithMessage("largest |%s|", key).that(largest).isAtMost(bound);
      // At least 48 draws from U(-1/4, 1/4): all below 0.2 with probability 0.8^48, about 2e-5;
      // a bound of 1/sqrt(7) or a fan-in of 7 for weight_ih_l0 would fail one of the two.
      assertWithMessage("largest |%s|", key).that(largest).isGreaterThan(0.2);
    });
  }

  @Test
  void gradientsOfTheInputAndTheStateAreFiniteDifferences() {
    LSTM lstm = LSTM.create(2, 3, 2);

    GradCheck.check("LSTM(2, 3, num_layers=2)", inputs -> {
      LSTM.State state = lstm.forward(inputs[0], inputs[1], inputs[2]);
      return Tensor.cat(0, state.output().reshape(-1), state.h().reshape(-1),
          state.c().reshape(-1));
    }, Tensor.randn(2, 3, 2), Tensor.randn(2, 2, 3), Tensor.randn(2, 2, 3));
  }

  @Test
  void gradientsOfTheParametersAreFiniteDifferences() {
    LSTM lstm = LSTM.create(2, 3, 2);
    Tensor x = Tensor.randn(2, 3, 2);
    Tensor h0 = Tensor.randn(2, 2, 3);
    Tensor c0 = Tensor.randn(2, 2, 3);

    RecurrentGradients.assertParameterGradientsAreFiniteDifferences(lstm,
        () -> {
          LSTM.State state = lstm.forward(x, h0, c0);
          return Tensor.cat(0, state.output().reshape(-1), state.h().reshape(-1),
              state.c().reshape(-1));
        });
  }

  @Test
  void wrongShapesAreReportedWithTheLayerAndTheDeclaredShape() {
    LSTM lstm = LSTM.create(5, 4, 2);

    RuntimeException input =
        assertThrows(RuntimeException.class, () -> lstm.forward(Tensor.zeros(3, 6, 4)));
    RuntimeException state = assertThrows(RuntimeException.class,
        () -> lstm.forward(Tensor.zeros(3, 6, 5), null, Tensor.zeros(1, 3, 4)));
    RuntimeException empty =
        assertThrows(RuntimeException.class, () -> lstm.forward(Tensor.zeros(3, 0, 5)));
    IllegalArgumentException depth =
        assertThrows(IllegalArgumentException.class, () -> LSTM.create(5, 4, 5));

    assertThat(input).hasMessageThat()
        .isEqualTo("LSTM.forward: x has shape [3, 6, 4], expected [batch, seq, inputSize=5]");
    assertThat(state).hasMessageThat().isEqualTo(
        "LSTM.forward: c0 has shape [1, 3, 4], expected [numLayers=2, batch=3, hiddenSize=4]");
    assertThat(state).isInstanceOf(LayerForwardException.class);
    assertThat(empty).hasMessageThat().isEqualTo(
        "LSTM.forward: x must have at least one time step, but has shape [3, 0, 5]");
    assertThat(depth).hasMessageThat().isEqualTo("LSTM: numLayers 5 must be within [1, 4]");
  }

  private static Map<String, String> shapes(Map<String, Tensor> stateDict) {
    Map<String, String> out = new LinkedHashMap<>();
    stateDict.forEach((key, value) -> out.put(key, Arrays.toString(value.shape())));
    return out;
  }
}
