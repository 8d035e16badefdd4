package dev.lamina.nn;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.LayerForwardException;
import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.DType;
import dev.lamina.io.LoadResult;
import dev.lamina.io.ModuleFiles;
import dev.lamina.testing.GradCheck;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Embedding} against PyTorch's {@code nn.Embedding(10, 4, padding_idx=3)}: it loads
 * PyTorch's state dict strictly and reproduces its outputs and weight gradient
 * ({@code fixtures/extras/make_index_fixtures.py}); its init, printing, saving and refusals.
 */
class EmbeddingTest {
  private static final Path FIXTURES = Path.of("..", "fixtures", "extras");

  @Test
  void loadsPytorchsStateDictStrictlyAndReproducesOutputsAndWeightGradient() throws Exception {
    Embedding embedding = Embedding.create(10, 4, 3);
    LoadResult result =
        ModuleFiles.loadWeights(embedding, FIXTURES.resolve("embedding.safetensors"));
    assertThat(result.allKeysMatched()).isTrue();
    assertThat(result.loadedKeys()).containsExactly("weight");
    Map<String, Tensor> io =
        ModuleFiles.readStateDict(FIXTURES.resolve("embedding.io.safetensors"));
    Tensor ids = io.get("ids");
    assertThat(ids.dtype()).isEqualTo(DType.INT64);

    Tensor output = embedding.forward(ids);
    output.mul(io.get("output_weights")).sum().backward();

    GradCheck.assertClose("output", output, io.get("output"));
    GradCheck.assertClose("grad.weight", embedding.weight().grad(), io.get("grad.weight"));
  }

  @Test
  void savesExactlyPytorchsKeysDtypesAndShapes(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("embedding.safetensors");
    ModuleFiles.save(Embedding.create(10, 4, 3), file);

    Map<String, Tensor> ours = ModuleFiles.readStateDict(file);
    Map<String, Tensor> pytorchs =
        ModuleFiles.readStateDict(FIXTURES.resolve("embedding.safetensors"));

    assertThat(ours.keySet()).isEqualTo(pytorchs.keySet());
    for (String key : pytorchs.keySet()) {
      assertThat(ours.get(key).dtype()).isEqualTo(pytorchs.get(key).dtype());
      assertThat(ours.get(key).shape()).isEqualTo(pytorchs.get(key).shape());
    }
  }

  @Test
  void initIsStandardNormalWithThePaddingRowZeroed() {
    Embedding embedding = Embedding.create(2000, 50, 7);
    float[] w = embedding.weight().toFloatArray();
    double sum = 0;
    double squares = 0;
    int n = 0;
    for (int row = 0; row < 2000; row++) {
      for (int k = 0; k < 50; k++) {
        float v = w[row * 50 + k];
        if (row == 7) {
          assertThat(v).isEqualTo(0f);
        } else {
          sum += v;
          squares += (double) v * v;
          n++;
        }
      }
    }
    double mean = sum / n;
    // 99,950 samples: the standard error of the mean is 0.003, of the variance 0.0045.
    assertThat(mean).isWithin(0.02).of(0.0);
    assertThat(squares / n - mean * mean).isWithin(0.03).of(1.0);
  }

  @Test
  void printsAsPytorch() {
    // The texts torch.nn.Embedding(10, 3) and torch.nn.Embedding(10, 3, padding_idx=-1) print.
    assertThat(Embedding.create(10, 3).toString()).isEqualTo("Embedding(10, 3)");
    assertThat(Embedding.create(10, 3, -1).toString())
        .isEqualTo("Embedding(10, 3, padding_idx=9)");
  }

  @Test
  void theOutputAddsTheEmbeddingDimensionToAnyShapeOfIds() {
    Embedding embedding = Embedding.create(6, 5);
    Tensor ids = Tensor.ofLongs(new long[] {0, 5, 2, 2, 1, 3, 4, 0}, 2, 2, 2);
    Tensor out = embedding.forward(ids);
    assertThat(out.shape()).isEqualTo(new int[] {2, 2, 2, 5});
    for (int t = 0; t < 8; t++) {
      int id = (int) ids.toLongArray()[t];
      for (int k = 0; k < 5; k++) {
        assertThat(out.get(t / 4, t / 2 % 2, t % 2, k)).isEqualTo(embedding.weight().get(id, k));
      }
    }
    assertThat(embedding.forward(Tensor.longScalar(4)).shape()).isEqualTo(new int[] {5});
  }

  @Test
  void savedAndLoadedKeepsItsPaddingRow(@TempDir Path folder) throws Exception {
    Embedding embedding = Embedding.create(8, 2, 5);
    Path file = folder.resolve("embedding.safetensors");
    ModuleFiles.save(embedding, file);

    Embedding loaded = (Embedding) Module.load(file);

    assertThat(loaded.toString()).isEqualTo("Embedding(8, 2, padding_idx=5)");
    assertThat(loaded.weight().equal(embedding.weight())).isTrue();
    loaded.forward(Tensor.ofLongs(5, 5, 1)).sum().backward();
    assertThat(loaded.weight().grad().select(0, 5).toFloatArray()).usingExactEquality()
        .containsExactly(0f, 0f);
    assertThat(loaded.weight().grad().select(0, 1).toFloatArray()).usingExactEquality()
        .containsExactly(1f, 1f);
  }

  @Test
  void floatIdsAreRefusedNamingTheOpAndTheDtype() {
    Embedding embedding = Embedding.create(10, 3);
    LayerForwardException e = assertThrows(LayerForwardException.class,
        () -> embedding.forward(Tensor.of(1f, 2f, 3f, 4f)));
    assertThat(e).hasCauseThat().isInstanceOf(IllegalArgumentException.class);
    assertThat(e).hasCauseThat().hasMessageThat().isEqualTo(
        "embedding: ids must be int64, got float32 [4]; convert it with to(DType.INT64)");
    assertThat(e).hasMessageThat().startsWith("Embedding.forward: embedding: ids must be int64");
  }

  @Test
  void paddingOutsideTheTableIsRefused() {
    assertThat(assertThrows(IllegalArgumentException.class, () -> Embedding.create(4, 2, 4)))
        .hasMessageThat().isEqualTo("Embedding: paddingIdx 4 must be within [-4, 4)");
    assertThat(assertThrows(IllegalArgumentException.class, () -> Embedding.create(4, 2, -5)))
        .hasMessageThat().isEqualTo("Embedding: paddingIdx -5 must be within [-4, 4)");
  }
}
