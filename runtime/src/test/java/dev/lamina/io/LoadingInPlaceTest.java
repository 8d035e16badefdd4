package dev.lamina.io;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.Module;
import dev.lamina.Sequential;
import dev.lamina.Tensor;
import dev.lamina.io.safetensors.SafetensorsException;
import dev.lamina.io.safetensors.SafetensorsReader;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file's values go straight into the model's allocated tensors, which stay the same objects with
 * the same storage; an in-memory state dict is read whole before anything is written; a read that
 * fails after every check names what it had loaded.
 */
class LoadingInPlaceTest {
  @TempDir Path folder;

  private static Sequential linearReluLinear(long seed) {
    return new Sequential(new TestLayers.Linear(4, 8, seed), new TestLayers.Relu(),
        new TestLayers.Linear(8, 3, seed + 1));
  }

  @Test
  void aFileLoadsIntoTheParametersOwnStorage() throws Exception {
    Sequential saved = linearReluLinear(1);
    Path path = folder.resolve("net.safetensors");
    ModuleFiles.save(saved, path);
    Sequential model = linearReluLinear(7);
    Map<String, Tensor> before = model.namedParameters();
    Map<String, float[]> storages = new LinkedHashMap<>();
    before.forEach((name, tensor) -> storages.put(name, tensor.storage()));
    ModuleFiles.loadWeights(model, path);
    for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) {
      assertThat(e.getValue()).isSameInstanceAs(before.get(e.getKey()));
      assertThat(e.getValue().storage()).isSameInstanceAs(storages.get(e.getKey()));
      assertThat(e.getValue().toFloatArray())
          .isEqualTo(saved.namedParameters().get(e.getKey()).toFloatArray());
    }
  }

  @Test
  void aStateDictSwappedOntoItsOwnModelIsReadWholeBeforeItIsWritten() {
    Sequential pair = new Sequential(new TestLayers.Linear(3, 3, 1), new TestLayers.Linear(3, 3, 2));
    float[] first = pair.namedParameters().get("0.weight").toFloatArray();
    float[] second = pair.namedParameters().get("1.weight").toFloatArray();
    Map<String, Tensor> swapped = new LinkedHashMap<>();
    swapped.put("0.weight", pair.namedParameters().get("1.weight"));
    swapped.put("0.bias", pair.namedParameters().get("0.bias"));
    swapped.put("1.weight", pair.namedParameters().get("0.weight"));
    swapped.put("1.bias", pair.namedParameters().get("1.bias"));
    ModuleFiles.loadWeights(pair, swapped);
    assertThat(pair.namedParameters().get("0.weight").toFloatArray()).isEqualTo(second);
    assertThat(pair.namedParameters().get("1.weight").toFloatArray()).isEqualTo(first);
  }

  @Test
  void aReadThatFailsAfterEveryCheckNamesTheTensorsItLoaded() throws Exception {
    Sequential saved = linearReluLinear(1);
    Path path = folder.resolve("net.safetensors");
    ModuleFiles.save(saved, path);
    Sequential model = linearReluLinear(7);
    float[] oldSecondWeight = model.namedParameters().get("2.weight").toFloatArray();
    try (SafetensorsReader file = SafetensorsReader.open(path)) {
      // The file now ends 4 bytes into 2.weight.
      long end = file.dataStart() + file.info("2.weight").begin() + 4;
      Checkpoint checkpoint = new ShrinkingBefore("2.weight", path, end, Checkpoint.of(file, "net"));
      SafetensorsException e = assertThrows(SafetensorsException.class,
          () -> WeightLoader.load(model, checkpoint, LoadOptions.strict()));
      assertThat(e).hasMessageThat().isEqualTo("loading Sequential from net failed at 2.weight,"
          + " after every check had passed, so these tensors hold the file's values and the rest"
          + " their own: \"0.weight\", \"0.bias\": " + path + ": the file ends at byte " + end
          + " while reading tensor \"2.weight\" (it changed after it was opened?)");
    }
    assertThat(model.namedParameters().get("0.weight").toFloatArray())
        .isEqualTo(saved.namedParameters().get("0.weight").toFloatArray());
    assertThat(model.namedParameters().get("2.weight").toFloatArray()).isEqualTo(oldSecondWeight);
  }

  /** A file checkpoint whose file is cut to {@code end} bytes just before {@code key} is read. */
  private static final class ShrinkingBefore implements Checkpoint {
    private final String key;
    private final Path path;
    private final long end;
    private final Checkpoint file;

    ShrinkingBefore(String key, Path path, long end, Checkpoint file) {
      this.key = key;
      this.path = path;
      this.end = end;
      this.file = file;
    }

    @Override
    public String readInto(String name, Tensor target) throws IOException {
      if (name.equals(key)) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
          channel.truncate(end);
        }
      }
      return file.readInto(name, target);
    }

    @Override
    public List<String> keys() {
      return file.keys();
    }

    @Override
    public long[] shape(String name) {
      return file.shape(name);
    }

    @Override
    public Values read(String name) throws IOException {
      return file.read(name);
    }

    @Override
    public String dtype(String name) {
      return file.dtype(name);
    }

    @Override
    public Tensor readExact(String name) throws IOException {
      return file.readExact(name);
    }

    @Override
    public String description() {
      return file.description();
    }

    @Override
    public boolean readsIntoModel() {
      return file.readsIntoModel();
    }
  }

  @Test
  void oneElementTensorsLoadThroughNewTensors() throws Exception {
    Module model = new Sequential(new TestLayers.Linear(1, 1, 3));
    Path path = folder.resolve("tiny.safetensors");
    ModuleFiles.save(new Sequential(new TestLayers.Linear(1, 1, 4)), path);
    ModuleFiles.loadWeights(model, path);
    assertThat(TestLayers.values(model)).isEqualTo(
        TestLayers.values(new Sequential(new TestLayers.Linear(1, 1, 4))));
  }
}
