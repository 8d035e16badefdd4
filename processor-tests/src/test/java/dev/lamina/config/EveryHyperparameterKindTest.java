package dev.lamina.config;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Init;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;
import dev.lamina.io.ArchitectureException;
import dev.lamina.registry.LayerConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A layer with one hyperparameter of every kind PyTorch layers take, rebuilt from its file with
 * every value as it was, and printed as PyTorch spells each value.
 */
class EveryHyperparameterKindTest {
  /** As {@code padding_mode} of {@code nn.Conv2d}. */
  enum PaddingMode { ZEROS, REFLECT, CIRCULAR }

  @Layer
  abstract static class AllKinds extends Module {
    final int units;
    final long seed;
    final float eps;
    final double momentum;
    final boolean affine;
    final int[] kernelSize;
    final PaddingMode paddingMode;
    final String nonlinearity;

    @Param(shape = {"units"}, init = Init.ONES)
    Tensor scale;

    AllKinds(int units, long seed, float eps, double momentum, boolean affine, int[] kernelSize,
        PaddingMode paddingMode, String nonlinearity) {
      this.units = units;
      this.seed = seed;
      this.eps = eps;
      this.momentum = momentum;
      this.affine = affine;
      this.kernelSize = kernelSize.clone();
      this.paddingMode = paddingMode;
      this.nonlinearity = nonlinearity;
    }

    @Override
    public Tensor forward(Tensor x) {
      return x.mul(scale);
    }
  }

  private static AllKinds layer() {
    return new Lamina_EveryHyperparameterKindTest_AllKinds(3, 12_345_678_901L, 1e-5f, 0.1, true,
        new int[] {3, 5}, PaddingMode.REFLECT, "tanh");
  }

  @Test
  void configHoldsEveryValueAsDeclared() {
    Map<String, Object> config = layer().config();
    assertThat(config.keySet()).containsExactly("units", "seed", "eps", "momentum", "affine",
        "kernelSize", "paddingMode", "nonlinearity").inOrder();
    assertThat(config.get("paddingMode")).isEqualTo(PaddingMode.REFLECT);
  }

  @Test
  void everyKindRoundTripsThroughAFile(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("all.safetensors");
    layer().save(file);

    AllKinds loaded = (AllKinds) Module.load(file);

    assertThat(loaded.units).isEqualTo(3);
    assertThat(loaded.seed).isEqualTo(12_345_678_901L);
    assertThat(loaded.eps).isEqualTo(1e-5f);
    assertThat(loaded.momentum).isEqualTo(0.1);
    assertThat(loaded.affine).isTrue();
    assertThat(loaded.kernelSize).asList().containsExactly(3, 5).inOrder();
    assertThat(loaded.paddingMode).isEqualTo(PaddingMode.REFLECT);
    assertThat(loaded.nonlinearity).isEqualTo("tanh");
    assertThat(loaded.scale.shape()).asList().containsExactly(3);
  }

  @Test
  void theFileHoldsTheEnumConstantByName(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("all.safetensors");
    layer().save(file);
    assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
        .contains("\\\"paddingMode\\\":\\\"REFLECT\\\"");
  }

  @Test
  void toStringSpellsEachValueAsPyTorchDoes() {
    // Python: "eps=%r, momentum=%r, affine=%r, kernel_size=%r, nonlinearity=%r"
    //   % (1e-05, 0.1, True, (3, 5), 'tanh')
    assertThat(layer().toString()).isEqualTo("AllKinds(units=3, seed=12345678901, eps=1e-05,"
        + " momentum=0.1, affine=True, kernelSize=(3, 5), paddingMode=REFLECT,"
        + " nonlinearity='tanh')");
  }

  @Test
  void aFileNamingAConstantTheEnumDoesNotHaveIsRefusedWithTheOnesItHas(@TempDir Path folder)
      throws Exception {
    Path file = folder.resolve("all.safetensors");
    layer().save(file);
    // Same length, so that the header keeps its size: only the constant's name changes.
    byte[] bytes = Files.readAllBytes(file);
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    Files.write(file, text.replace("\\\"REFLECT\\\"", "\\\"MIRRORS\\\"")
        .getBytes(StandardCharsets.ISO_8859_1));

    ArchitectureException error = assertThrows(ArchitectureException.class,
        () -> Module.load(file));

    assertThat(error).hasMessageThat().contains("config entry \"paddingMode\" must be one of"
        + " PaddingMode's constants [ZEROS, REFLECT, CIRCULAR], but it is \"MIRRORS\"");
    assertThat(error).hasCauseThat().isInstanceOf(LayerConfigException.class);
  }

  @Test
  void aConstantNameThatIsNotAStringIsRefused() {
    Map<String, Object> config = new java.util.LinkedHashMap<>(layer().config());
    config.put("paddingMode", List.of(1));
    LayerConfigException error = assertThrows(LayerConfigException.class,
        () -> new Lamina_EveryHyperparameterKindTest_AllKinds.Factory().create(config, Map.of()));
    assertThat(error).hasMessageThat().endsWith("config entry \"paddingMode\" must be one of"
        + " PaddingMode's constants [ZEROS, REFLECT, CIRCULAR], but it is [1]");
  }

  @Test
  void aRefusedNameIsShownEscaped() {
    Map<String, Object> config = new java.util.LinkedHashMap<>(layer().config());
    config.put("paddingMode", "\u001b[2J");
    LayerConfigException error = assertThrows(LayerConfigException.class,
        () -> new Lamina_EveryHyperparameterKindTest_AllKinds.Factory().create(config, Map.of()));
    assertThat(error).hasMessageThat().endsWith("but it is \"\\u001b[2J\"");
  }
}
