package dev.lamina.ops;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.lamina.Tensor;
import dev.lamina.testing.Fixtures;
import dev.lamina.testing.GradCheck;
import dev.lamina.testing.TorchCase;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The activations, reductions, sequence pieces and fused normalizations against PyTorch's values
 * and gradients ({@code fixtures/extras/make_elementwise_fixtures.py}), and against finite
 * differences through {@link GradCheck}, except at the kinks, where PyTorch's choice of gradient
 * is the reference.
 */
class ActivationsAndNormsMatchTorchTest {
  private static final Path FIXTURES =
      Path.of("..", "fixtures", "extras", "elementwise_fixtures.json");

  /** Each fixture case's op in Lamina, by the case's name. */
  private static final Map<String, Function<Tensor[], Tensor>> OPS = new LinkedHashMap<>();

  static {
    op("erf", x -> x[0].erf());
    op("erf edges", x -> x[0].erf());
    op("gelu", x -> x[0].gelu());
    op("gelu edges", x -> x[0].gelu());
    op("gelu tanh", x -> x[0].gelu("tanh"));
    op("gelu tanh edges", x -> x[0].gelu("tanh"));
    op("softplus", x -> x[0].softplus());
    op("softplus large", x -> x[0].softplus());
    op("softplus beta 2 threshold 10", x -> x[0].softplus(2, 10));
    op("softplus beta 0.5", x -> x[0].softplus(0.5f, 20));
    op("leaky_relu", x -> x[0].leakyRelu());
    op("leaky_relu 0.2", x -> x[0].leakyRelu(0.2f));
    op("leaky_relu at kinks", x -> x[0].leakyRelu(0.2f));
    op("clamp", x -> x[0].clamp(-0.5f, 0.5f));
    op("clamp at kinks", x -> x[0].clamp(-0.5f, 0.5f));
    op("clamp min", x -> x[0].clampMin(0.25f));
    op("clamp max", x -> x[0].clampMax(-0.25f));
    op("clamp max at kinks", x -> x[0].clampMax(-0.25f));
    op("clamp min above max", x -> x[0].clamp(1, -1));
    op("maximum", x -> x[0].maximum(x[1]));
    op("maximum broadcast", x -> x[0].maximum(x[1]));
    op("maximum broadcast column", x -> x[0].maximum(x[1]));
    op("maximum at kinks", x -> x[0].maximum(x[1]));
    op("minimum", x -> x[0].minimum(x[1]));
    op("minimum broadcast", x -> x[0].minimum(x[1]));
    op("minimum at kinks", x -> x[0].minimum(x[1]));

    op("logsumexp dim 1", x -> x[0].logsumexp(1, false));
    op("logsumexp dim 0 keepdim", x -> x[0].logsumexp(0, true));
    op("logsumexp dims 0 2", x -> x[0].logsumexp(new int[] {0, 2}, false));
    op("logsumexp large", x -> x[0].logsumexp(-1, false));
    op("min dim 1", x -> x[0].min(1, false));
    op("min dim 0 keepdim", x -> x[0].min(0, true));
    op("min dim at kinks", x -> x[0].min(1, false));
    op("min at kinks", x -> x[0].min());
    op("var dim 1", x -> x[0].var(1, false));
    op("var dim 0 correction 0 keepdim", x -> x[0].var(new int[] {0}, 0, true));
    op("var dims 0 2 correction 2", x -> x[0].var(new int[] {0, 2}, 2, false));
    op("var all", x -> x[0].var());
    op("var large mean", x -> x[0].var(1, false));
    op("std dim 1", x -> x[0].std(1, false));
    op("std dims 0 1 correction 0", x -> x[0].std(new int[] {0, 1}, 0, false));
    op("std all", x -> x[0].std());

    op("tril", x -> x[0].tril());
    op("tril 1", x -> x[0].tril(1));
    op("tril -1 batched", x -> x[0].tril(-1));
    op("triu", x -> x[0].triu());
    op("triu 2", x -> x[0].triu(2));
    op("triu -1 batched", x -> x[0].triu(-1));
    op("split 2 dim 1", x -> joined(x[0].split(2, 1), 1));
    op("split sizes dim 0", x -> joined(x[0].split(new int[] {1, 3, 0, 2}, 0), 0));
    op("chunk 3 dim 0", x -> joined(x[0].chunk(3, 0), 0));
    op("chunk 4 dim -1", x -> joined(x[0].chunk(4, -1), -1));
    op("repeat 2 1 2", x -> x[0].repeat(2, 1, 2));
    op("repeat 3 2", x -> x[0].repeat(3, 2));

    op("layer_norm last", x -> x[0].layerNorm(new int[] {5}, x[1], x[2], 1e-5));
    op("layer_norm last two", x -> x[0].layerNorm(new int[] {3, 4}, x[1], x[2], 1e-5));
    op("layer_norm no affine", x -> x[0].layerNorm(new int[] {6}, null, null, 1e-3));
    op("layer_norm large mean", x -> x[0].layerNorm(new int[] {8}, x[1], x[2], 1e-5));
    Function<Tensor[], Tensor> train =
        x -> Tensor.batchNorm(x[0], null, null, x[1], x[2], true, 0.1, 1e-5);
    op("batch_norm train [N, C]", train);
    op("batch_norm train [N, C, L]", train);
    op("batch_norm train [N, C, H, W]", train);
    op("batch_norm train no affine",
        x -> Tensor.batchNorm(x[0], null, null, null, null, true, 0.1, 1e-3));
    op("batch_norm train large mean", train);
    Function<Tensor[], Tensor> evaluate = x -> Tensor.batchNorm(x[0], Tensor.of(-0.5f, 0f, 0.5f),
        Tensor.of(0.5f, 1f, 1.5f), x[1], x[2], false, 0.1, 1e-5);
    op("batch_norm eval [N, C]", evaluate);
    op("batch_norm eval [N, C, H, W]", evaluate);
    op("batch_norm running_mean update", x -> updatedRunning(x)[0]);
    op("batch_norm running_var update", x -> updatedRunning(x)[1]);
  }

  private static void op(String name, Function<Tensor[], Tensor> op) {
    OPS.put(name, op);
  }

  /** The pieces scaled by 1, 2, ... and joined again, as the fixture script does. */
  private static Tensor joined(Tensor[] pieces, int dim) {
    Tensor[] scaled = new Tensor[pieces.length];
    for (int i = 0; i < pieces.length; i++) {
      scaled[i] = pieces[i].mul(i + 1);
    }
    return Tensor.cat(dim, scaled);
  }

  /** Copies of the running mean and variance after one training step with momentum 0.25. */
  private static Tensor[] updatedRunning(Tensor[] x) {
    Tensor mean = x[1].copy();
    Tensor var = x[2].copy();
    Tensor.batchNorm(x[0], mean, var, null, null, true, 0.25, 1e-5);
    return new Tensor[] {mean, var};
  }

  static Stream<String> caseNames() {
    return OPS.keySet().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("caseNames")
  void valuesAndGradientsEqualPytorchs(String name) throws IOException {
    TorchCase expected = torchCases().get(name);
    assertWithMessage("fixture case %s", name).that(expected).isNotNull();
    if (name.endsWith("at kinks")) {
      GradCheck.matchesTorch(expected, OPS.get(name));
    } else {
      GradCheck.checkAgainst(expected, OPS.get(name));
    }
  }

  @Test
  void everyFixtureCaseIsChecked() throws IOException {
    assertWithMessage("cases of %s", FIXTURES).that(OPS.keySet())
        .containsExactlyElementsIn(torchCases().keySet());
  }

  private static Map<String, TorchCase> torchCases() throws IOException {
    Map<String, TorchCase> cases = new LinkedHashMap<>();
    try (Reader reader = Files.newBufferedReader(FIXTURES)) {
      for (JsonElement element :
          JsonParser.parseReader(reader).getAsJsonObject().getAsJsonArray("cases")) {
        JsonObject c = element.getAsJsonObject();
        boolean differentiable = c.has("weights");
        cases.put(c.get("name").getAsString(), new TorchCase(c.get("name").getAsString(),
            Fixtures.tensors(c.getAsJsonArray("inputs")), Fixtures.tensor(c.get("output")),
            differentiable ? Fixtures.tensor(c.get("weights")) : null,
            differentiable ? Fixtures.tensors(c.getAsJsonArray("grads")) : null));
      }
    }
    return cases;
  }
}
