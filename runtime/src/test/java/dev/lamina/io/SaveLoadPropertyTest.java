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
    Module module;
    switch (choice) {
      case 0: module = Linear.create(WIDTH, WIDTH, random.nextBoolean()); break;
      case 1: module = LazyLinear.create(WIDTH); break;
      case 2: module = ReLU.create(); break;
      case 3: module = Tanh.create(); break;
      case 4: module = CenteredLayer.create(); break;
      case 5: module = Chain.create(null); break;
      case 6: module = Chain.create(randomModule(random, depth - 1, made)); break;
      case 7:
        if (!made.isEmpty()) {
          return made.get(random.nextInt(made.size()));  // shared with an earlier use
        }
        module = Linear.create(WIDTH, WIDTH);
        break;
      default:
        int size = 1 + random.nextInt(3);
        Module[] layers = new Module[size];
        for (int i = 0; i < size; i++) {
          layers[i] = randomModule(random, depth - 1, made);
        }
        module = new Sequential(layers);
    }
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
