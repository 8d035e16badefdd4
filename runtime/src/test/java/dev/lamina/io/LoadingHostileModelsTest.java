package dev.lamina.io;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.lamina.Generator;
import dev.lamina.Module;
import dev.lamina.Sequential;
import dev.lamina.Tensor;
import dev.lamina.io.safetensors.SafetensorsException;
import dev.lamina.io.safetensors.SafetensorsWriter;
import dev.lamina.nn.LazyLinear;
import dev.lamina.nn.Linear;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models, and files claiming to hold them, that once took forever, ran out of memory, or did not load. */
class LoadingHostileModelsTest {
  @TempDir Path folder;

  private static void assertSameOutputs(Module a, Module b, Tensor x) {
    assertThat(b.forward(x).toFloatArray()).isEqualTo(a.forward(x).toFloatArray());
  }

  @Test
  void modulesSharedInALatticeSaveAndLoadInLinearTime() throws Exception {
    Module level = Linear.create(2, 2);
    for (int i = 0; i < 40; i++) {
      level = new Sequential(level, level);  // 2^40 paths to the Linear
    }
    Module lattice = level;
    Path path = folder.resolve("lattice.safetensors");
    Module loaded = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      lattice.save(path);
      return Module.load(path);
    });
    assertThat(Files.size(path)).isLessThan(20_000L);
    Sequential top = (Sequential) loaded;
    assertThat(top.get(1)).isSameInstanceAs(top.get(0));
    assertThat(loaded.namedParameters().keySet()).containsExactly("0" + ".0".repeat(39) + ".weight",
        "0" + ".0".repeat(39) + ".bias");
    LoadResult again = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> loaded.loadWeights(path));
    assertThat(again.allKeysMatched()).isTrue();
  }

  @Test
  void aTinyFileNamingAHugeLayerIsRefusedWithoutAllocatingIt() throws Exception {
    Path path = folder.resolve("huge.safetensors");
    Files.write(path, new SafetensorsWriter().putMetadata(ModuleFiles.ARCHITECTURE_KEY,
        "{\"type\":\"dev.lamina.nn.Linear\",\"config\":{\"inFeatures\":46000,\"outFeatures\":46000,"
            + "\"useBias\":true}}").toBytes());
    assertThat(Files.size(path)).isLessThan(200L);
    SafetensorsException e = assertThrows(SafetensorsException.class, () -> Module.load(path));
    assertThat(e).hasMessageThat().contains("Missing key(s) in state_dict: \"weight\", \"bias\".");
  }

  @Test
  void aLayerMadeWhileInitIsDeferredTakesTheLoadedValuesAsItsParameters() {
    Linear layer;
    try (Module.DeferredInit deferred = Module.deferInit()) {
      layer = Linear.create(46000, 46000, false);
    }
    assertThat(layer.weight().shape()).isEqualTo(new int[] {46000, 46000});
    Linear small;
    try (Module.DeferredInit deferred = Module.deferInit()) {
      small = Linear.create(2, 1, false);
    }
    Tensor values = Tensor.of(new float[] {3, 4}, 1, 2);
    small.loadParameter("weight", values);
    assertThat(small.weight()).isSameInstanceAs(values);
    assertThat(small.weight().requiresGrad()).isTrue();
    assertThat(small.forward(Tensor.of(new float[] {1, 1}, 1, 2)).item()).isEqualTo(7f);
    Linear built = Linear.create(2, 1, false);
    Tensor before = built.weight();
    built.loadParameter("weight", Tensor.of(new float[] {5, 6}, 1, 2));
    assertThat(built.weight()).isSameInstanceAs(before);
    assertThat(before.toFloatArray()).isEqualTo(new float[] {5, 6});
    assertThrows(IllegalArgumentException.class, () -> built.loadParameter("bias", Tensor.of(1)));
    assertThrows(IllegalArgumentException.class, () -> built.loadParameter("weight", Tensor.of(1, 2)));
  }

  @Test
  void aLazyLayerIsMaterializedFromTheFile() throws Exception {
    Generator.manualSeed(5);
    Sequential saved = new Sequential(LazyLinear.create(4), Linear.create(4, 2));
    Tensor x = Tensor.rand(3, 6);
    saved.forward(x);
    Path path = folder.resolve("lazy.safetensors");
    saved.save(path);

    Module loaded = Module.load(path);
    assertSameOutputs(saved, loaded, x);
    assertThat(((LazyLinear) ((Sequential) loaded).get(0)).weight().shape()).isEqualTo(new int[] {4, 6});

    Sequential fresh = new Sequential(LazyLinear.create(4), Linear.create(4, 2));
    LoadResult result = fresh.loadWeights(path);
    assertThat(result.loadedKeys()).containsExactly("0.weight", "0.bias", "1.weight", "1.bias").inOrder();
    assertSameOutputs(saved, fresh, x);
  }

  @Test
  void theChaptersLazyLinearThenCenteredLayerRoundTrips() throws Exception {
    Sequential net = new Sequential(LazyLinear.create(128), CenteredLayer.create());
    Tensor x = Tensor.rand(4, 8);
    net.forward(x);
    Path path = folder.resolve("chapter.safetensors");
    net.save(path);
    Module loaded = Module.load(path);
    assertThat(loaded.toString()).isEqualTo(net.toString());
    assertSameOutputs(net, loaded, x);
  }

  @Test
  void aLazyLayerNeverCalledStaysLazy() throws Exception {
    Path path = folder.resolve("unused.safetensors");
    new Sequential(LazyLinear.create(3)).save(path);
    Sequential loaded = (Sequential) Module.load(path);
    assertThat(((LazyLinear) loaded.get(0)).weight()).isNull();
    assertThat(loaded.forward(Tensor.rand(2, 5)).shape()).isEqualTo(new int[] {2, 3});
  }

  @Test
  void aLazyLayerWithOnlySomeOfItsParametersInTheFileIsRefused() {
    Sequential model = new Sequential(LazyLinear.create(2));
    StateDictException e = assertThrows(StateDictException.class,
        () -> model.loadStateDict(java.util.Map.of("0.weight", Tensor.zeros(2, 3))));
    assertThat(e.missingKeys()).containsExactly("0.bias");
    assertThat(((LazyLinear) model.get(0)).weight()).isNull();
  }

  @Test
  void aNullOptionalChildSavesAndLoads() throws Exception {
    Chain saved = Chain.create(Chain.create(null));
    Path path = folder.resolve("chain.safetensors");
    saved.save(path);
    Chain loaded = (Chain) Module.load(path);
    assertThat(((Chain) loaded.next).next).isNull();
    assertSameOutputs(saved, loaded, Tensor.rand(3, 2));
  }

  @Test
  void deepNestingThatSavesAlsoLoads() throws Exception {
    Module deep = Linear.create(2, 2);
    for (int i = 1; i < Architecture.MAX_MODULE_DEPTH; i++) {
      deep = new Sequential(deep);
    }
    Path path = folder.resolve("deep.safetensors");
    deep.save(path);
    Module loaded = Module.load(path);
    assertSameOutputs(deep, loaded, Tensor.rand(1, 2));
  }

  @Test
  void nestingTooDeepToLoadIsRefusedWhenSaving() throws Exception {
    Module deep = Linear.create(2, 2);
    for (int i = 0; i < Architecture.MAX_MODULE_DEPTH; i++) {
      deep = new Sequential(deep);
    }
    Module tooDeep = deep;
    Path path = folder.resolve("deep.safetensors");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tooDeep.save(path));
    assertThat(e).hasMessageThat().contains("is nested 1001 deep; a saved architecture holds at most 1000 levels");
    assertThat(Files.exists(path)).isFalse();
  }
}
