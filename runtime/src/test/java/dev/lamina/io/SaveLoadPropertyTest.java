package dev.lamina.io;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.lamina.Generator;
import dev.lamina.Module;
import dev.lamina.Sequential;
import dev.lamina.Tensor;
import dev.lamina.nn.LazyLinear;
import dev.lamina.nn.Linear;
import dev.lamina.nn.ReLU;
import dev.lamina.nn.Tanh;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random models of built-in and generated layers, lazy, shared, nested and with optional children
 * left null: every one that saves loads, with the same parameters and the same outputs.
 */
class SaveLoadPropertyTest {
  private static final int WIDTH = 2;

  @TempDir Path folder;

  /** A module from {@code [batch, 2]} to {@code [batch, 2]}, at most {@code depth} levels deep. */
  private static Module randomModule(Random random, int depth, List<Module> made) {
    int choice = random.nextInt(depth <= 0 ? 6 : 9);
    if (choice == 7 && !made.isEmpty()) {
      return made.get(random.nextInt(made.size()));  // shared with an earlier use
    }
    Module module = switch (choice) {
      case 0 -> Linear.create(WIDTH, WIDTH, random.nextBoolean());
      case 1 -> LazyLinear.create(WIDTH);
      case 2 -> ReLU.create();
      case 3 -> Tanh.create();
      case 4 -> CenteredLayer.create();
      case 5 -> Chain.create(null);
      case 6 -> Chain.create(randomModule(random, depth - 1, made));
      case 7 -> Linear.create(WIDTH, WIDTH);
      default -> {
        int size = 1 + random.nextInt(3);
        Module[] layers = new Module[size];
        for (int i = 0; i < size; i++) {
          layers[i] = randomModule(random, depth - 1, made);
        }
        yield new Sequential(layers);
      }
    };
    made.add(module);
    return module;
  }

  @Test
  void everyModelThatSavesLoadsAndComputesTheSame() throws Exception {
    for (int seed = 0; seed < 60; seed++) {
      Random random = new Random(seed);
      Generator.manualSeed(seed);
      Module model = randomModule(random, 4, new ArrayList<>());
      Tensor x = Tensor.rand(new Generator(seed), 3, WIDTH);
      boolean called = random.nextBoolean();
      Tensor expected = called ? model.forward(x) : null;
      Path path = folder.resolve("model" + seed + ".safetensors");
      model.save(path);

      Module loaded = Module.load(path);
      String what = "seed " + seed + ": " + model;
      assertWithMessage(what).that(loaded.toString()).isEqualTo(model.toString());
      assertWithMessage(what).that(loaded.namedParameters().keySet())
          .containsExactlyElementsIn(model.namedParameters().keySet()).inOrder();
      if (called) {
        assertWithMessage(what).that(loaded.forward(x).toFloatArray()).isEqualTo(expected.toFloatArray());
      }
      assertThat(ModuleFiles.loadWeights(loaded, path).allKeysMatched()).isTrue();
    }
  }
}
