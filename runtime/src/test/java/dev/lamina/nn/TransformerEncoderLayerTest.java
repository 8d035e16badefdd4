package dev.lamina.nn;

import static com.google.common.truth.Truth.assertThat;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.io.LoadResult;
import dev.lamina.io.ModuleFiles;
import dev.lamina.testing.GradCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TransformerEncoderLayer} against PyTorch's {@code nn.TransformerEncoderLayer(12, 3,
 * dim_feedforward=16, dropout=0.0, batch_first=True)} post-norm, norm-first and with GELU
 * ({@code fixtures/extras/make_transformer_fixtures.py}): the state dict loads strictly, and the
 * output and the gradients of the input and of every parameter are PyTorch's.
 */
class TransformerEncoderLayerTest {
  private static final Path FOLDER = Path.of("..", "fixtures", "extras", "transformer");

  @TempDir Path dir;

  private static TransformerEncoderLayer layer(String name) {
    return switch (name) {
      case "pre" -> TransformerEncoderLayer.create(12, 3, 16, 0.0, "relu", 1e-5, true);
      case "gelu" -> TransformerEncoderLayer.create(12, 3, 16, 0.0, "gelu", 1e-5, false);
      default -> TransformerEncoderLayer.create(12, 3, 16, 0.0);
    };
  }

  private static void matchesPytorch(String name) throws IOException {
    TransformerEncoderLayer layer = layer(name);
    LoadResult loaded = ModuleFiles.loadWeights(layer, FOLDER.resolve(name + ".safetensors"));
    assertThat(loaded.allKeysMatched()).isTrue();
    Map<String, Tensor> io = ModuleFiles.readStateDict(FOLDER.resolve(name + ".io.safetensors"));
    Tensor x = io.get("x").requiresGrad(true);
    Tensor out = layer.forward(x);
    GradCheck.assertClose(name + " output", out, io.get("output"));
    out.mul(io.get("w")).sum().backward();
    GradCheck.assertClose(name + " d/dx", x.grad(), io.get("grad.x"));
    for (Map.Entry<String, Tensor> parameter : layer.namedParameters().entrySet()) {
      GradCheck.assertClose(name + " d/d" + parameter.getKey(), parameter.getValue().grad(),
          io.get("grad." + parameter.getKey()));
    }
  }

  @Test
  void postNormMatchesPytorch() throws IOException {
    matchesPytorch("post");
  }

  @Test
  void normFirstMatchesPytorch() throws IOException {
    matchesPytorch("pre");
  }

  @Test
  void geluMatchesPytorch() throws IOException {
    matchesPytorch("gelu");
  }

  @Test
  void savesPytorchsKeysAndIsRebuilt() throws IOException {
    TransformerEncoderLayer layer = layer("pre");
    Path file = dir.resolve("encoder.safetensors");
    layer.save(file);
    assertThat(ModuleFiles.readStateDict(file).keySet()).containsExactlyElementsIn(
        ModuleFiles.readStateDict(FOLDER.resolve("pre.safetensors")).keySet()).inOrder();
    Module rebuilt = Module.load(file);
    Tensor x = Tensor.randn(2, 5, 12);
    assertThat(rebuilt.forward(x).toFloatArray()).isEqualTo(layer.forward(x).toFloatArray());
  }
}
