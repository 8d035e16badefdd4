package dev.lamina.chapter;

import static com.google.common.truth.Truth.assertThat;

import dev.lamina.Module;
import dev.lamina.Sequential;
import dev.lamina.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code resetParameters()}: after the generated allocation, and not where a file gives values. */
class ResetParametersTest {
  @TempDir Path dir;

  @Test
  void runsOnceAfterTheParametersAreAllocated() {
    Orthogonal layer = Orthogonal.create(3);
    assertThat(layer.resets).isEqualTo(1);
    assertThat(layer.weight.toFloatArray()).isEqualTo(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
    assertThat(layer.weight.requiresGrad()).isTrue();
  }

  @Test
  void aLazyLayerRunsItOnceTheFirstCallHasAllocatedEverything() {
    LazyReset layer = LazyReset.create(2);
    assertThat(layer.resets).isEqualTo(0);
    layer.forward(Tensor.ones(1, 3));
    layer.forward(Tensor.ones(1, 3));
    assertThat(layer.resets).isEqualTo(1);
    assertThat(layer.weight.toFloatArray()).isEqualTo(new float[] {0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f});
  }

  @Test
  void aLayerRebuiltFromAFileTakesItsValuesFromTheFileWithoutTheHook() throws IOException {
    Orthogonal layer = Orthogonal.create(2);
    layer.weight.copyFrom(Tensor.of(new float[] {2, 3, 4, 5}, 2, 2));
    Path file = dir.resolve("orthogonal.safetensors");
    layer.save(file);
    Orthogonal loaded = (Orthogonal) Module.load(file);
    assertThat(loaded.resets).isEqualTo(0);
    assertThat(loaded.weight.toFloatArray()).isEqualTo(new float[] {2, 3, 4, 5});
  }

  @Test
  void aLayerWithNothingInTheFileResetsWhenRebuilt() throws IOException {
    Path file = dir.resolve("mask.safetensors");
    new Sequential(Orthogonal.create(2), CausalMask.create(2)).save(file);
    Sequential loaded = (Sequential) Module.load(file);
    assertThat(((CausalMask) loaded.get(1)).mask.toFloatArray())
        .isEqualTo(new float[] {1, 0, 1, 1});
    assertThat(((Orthogonal) loaded.get(0)).resets).isEqualTo(0);
  }
}
