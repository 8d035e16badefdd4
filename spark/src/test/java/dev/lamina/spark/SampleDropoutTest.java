package dev.lamina.spark;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.LayerForwardException;
import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.spark.nn.SampleContext;
import dev.lamina.spark.nn.SampleDropout;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sample's dropout mask depends on its index, the step and the layer's seed, not its batch. */
class SampleDropoutTest {
  private static float[] row(Tensor t, int row) {
    return t.select(0, row).toFloatArray();
  }

  private static Tensor apply(SampleDropout dropout, long step, long... samples) {
    try (SampleContext ignored = SampleContext.enter(step, samples)) {
      return dropout.forward(Tensor.ones(samples.length, 200));
    }
  }

  @Test
  void aSampleGetsTheSameMaskInAnyBatch() {
    SampleDropout dropout = SampleDropout.create(0.5, 1);
    Tensor together = apply(dropout, 4, 10, 11, 12);
    Tensor alone = apply(dropout, 4, 11);
    Tensor reordered = apply(dropout, 4, 12, 10);

    assertThat(row(alone, 0)).isEqualTo(row(together, 1));
    assertThat(row(reordered, 0)).isEqualTo(row(together, 2));
    assertThat(row(reordered, 1)).isEqualTo(row(together, 0));
  }

  @Test
  void masksChangeWithStepSampleAndSeed() {
    float[] base = row(apply(SampleDropout.create(0.5, 1), 4, 10), 0);
    assertThat(row(apply(SampleDropout.create(0.5, 1), 5, 10), 0)).isNotEqualTo(base);
    assertThat(row(apply(SampleDropout.create(0.5, 1), 4, 11), 0)).isNotEqualTo(base);
    assertThat(row(apply(SampleDropout.create(0.5, 2), 4, 10), 0)).isNotEqualTo(base);
  }

  @Test
  void keptValuesAreScaledAndAboutPAreDropped() {
    float[] mask = apply(SampleDropout.create(0.25, 3), 0, 0, 1, 2, 3, 4).toFloatArray();
    int dropped = 0;
    for (float value : mask) {
      if (value == 0) {
        dropped++;
      } else {
        assertThat(value).isWithin(1e-6f).of(1 / 0.75f);
      }
    }
    assertThat(dropped / (double) mask.length).isWithin(0.06).of(0.25);
  }

  @Test
  void trainingWithoutAContextIsRefusedAndEvaluationPassesThrough() {
    SampleDropout dropout = SampleDropout.create(0.5, 1);
    LayerForwardException e = assertThrows(LayerForwardException.class,
        () -> dropout.forward(Tensor.ones(2, 3)));
    assertThat(e).hasCauseThat().isInstanceOf(IllegalStateException.class);
    assertThat(e).hasMessageThat().startsWith("SampleDropout.forward: in training mode");
    assertThat(e).hasMessageThat().contains("needs a SampleContext");
    dropout.eval();
    Tensor x = Tensor.ones(2, 3);
    assertThat(dropout.forward(x)).isSameInstanceAs(x);
  }

  @Test
  void savesAndRebuildsWithItsConfig(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("dropout.safetensors");
    SampleDropout.create(0.3, 42).save(file);
    Module loaded = Module.load(file);
    assertThat(loaded.config()).containsExactly("p", 0.3, "seed", 42L).inOrder();
  }
}
