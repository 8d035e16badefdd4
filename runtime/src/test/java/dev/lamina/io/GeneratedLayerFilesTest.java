package dev.lamina.io;

import static com.google.common.truth.Truth.assertThat;

import dev.lamina.Module;
import dev.lamina.Tensor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generated layer's config, floats included, survives a save and a rebuild. */
class GeneratedLayerFilesTest {
  @Test
  void floatDoubleAndLongHyperparametersRebuildTheSameLayer(@TempDir Path folder)
      throws Exception {
    ScaledLinear layer = ScaledLinear.create(4, 3, 0.1f, -2.5, 1L << 40);
    Path file = folder.resolve("scaled.safetensors");
    layer.save(file);

    Module rebuilt = Module.load(file);

    assertThat(rebuilt).isInstanceOf(ScaledLinear.class);
    assertThat(rebuilt.config()).isEqualTo(layer.config());
    Tensor x = Tensor.rand(2, 4);
    assertThat(rebuilt.forward(x).toFloatArray()).isEqualTo(layer.forward(x).toFloatArray());
  }
}
