package dev.lamina.io;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.Module;
import dev.lamina.Sequential;
import dev.lamina.Tensor;
import dev.lamina.io.json.StrictJson;
import dev.lamina.io.safetensors.SafetensorsException;
import dev.lamina.io.safetensors.SafetensorsReader;
import dev.lamina.io.safetensors.SafetensorsWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleFilesTest {
  @TempDir Path folder;

  private static Sequential linearReluLinear(long seed) {
    return new Sequential(new TestLayers.Linear(4, 8, seed), new TestLayers.Relu(),
        new TestLayers.Linear(8, 3, seed + 1));
  }

  private static void assertSameValues(Module actual, Module expected) {
    assertThat(actual.namedParameters().keySet()).containsExactlyElementsIn(expected.namedParameters().keySet()).inOrder();
    for (Map.Entry<String, Tensor> e : expected.namedParameters().entrySet()) {
      Tensor mine = actual.namedParameters().get(e.getKey());
      assertThat(mine.shape()).isEqualTo(e.getValue().shape());
      assertThat(mine.toFloatArray()).isEqualTo(e.getValue().toFloatArray());
    }
  }

  @Test
  void savedWeightsLoadIntoAnotherInstance() throws Exception {
    Sequential saved = linearReluLinear(1);
    Path path = folder.resolve("net.safetensors");
    ModuleFiles.save(saved, path);
    Sequential other = linearReluLinear(7);
    LoadResult result = ModuleFiles.loadWeights(other, path);
    assertThat(result.allKeysMatched()).isTrue();
    assertThat(result.loadedKeys()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias").inOrder();
    assertSameValues(other, saved);
  }

  @Test
  void fileHasPytorchNamesFormatAndArchitecture() throws Exception {
    Path path = folder.resolve("net.safetensors");
    ModuleFiles.save(linearReluLinear(1), path);
    try (SafetensorsReader file = SafetensorsReader.open(path)) {
      assertThat(file.tensors().keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias").inOrder();
      assertThat(file.tensors().get("0.weight").shape()).isEqualTo(new long[] {8, 4});
      assertThat(file.metadata()).containsEntry("format", "pt");
      assertThat(file.dataStart() % 8).isEqualTo(0);
      Object architecture = new StrictJson(64, 1 << 20).parse(
          file.metadata().get(ModuleFiles.ARCHITECTURE_KEY).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      Map<?, ?> root = (Map<?, ?>) architecture;
      assertThat(root.get("type")).isEqualTo("dev.lamina.Sequential");
      Map<?, ?> first = (Map<?, ?>) ((Map<?, ?>) root.get("children")).get("0");
      assertThat(first.get("type")).isEqualTo("test.Linear");
      assertThat(first.get("config")).isEqualTo(Map.of("in_features", 4L, "out_features", 8L));
      assertThat(file.metadata()).doesNotContainKey(ModuleFiles.ALIASES_KEY);
    }
  }

  @Test
  void loadRebuildsTheModelFromTheRegistry() throws Exception {
    Sequential saved = new Sequential(new TestLayers.MyLinear(64, 8, 1), new TestLayers.MyLinear(8, 1, 2));
    Path path = folder.resolve("net.safetensors");
    ModuleFiles.save(saved, path);
    Module loaded = ModuleFiles.load(path);
    assertThat(loaded).isInstanceOf(Sequential.class);
    assertThat(((Sequential) loaded).get(0)).isInstanceOf(TestLayers.MyLinear.class);
    assertThat(loaded.toString()).isEqualTo(saved.toString());
    assertSameValues(loaded, saved);
    Tensor x = Tensor.rand(new dev.lamina.Generator(3), 2, 64);
    assertThat(loaded.forward(x).toFloatArray()).isEqualTo(saved.forward(x).toFloatArray());
  }

  @Test
  void configValuesOfEveryKindSurviveTheRoundTrip() throws Exception {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("int", 3);
    config.put("long", 1L << 40);
    config.put("double", 0.25);
    config.put("whole double", 2.0);
    config.put("flag", true);
    config.put("name", "é \"quoted\" \n");
    config.put("sizes", new int[] {2, 0, 5});
    Path path = folder.resolve("configured.safetensors");
    ModuleFiles.save(new TestLayers.Configured(config), path);
    Map<String, Object> back = ((TestLayers.Configured) ModuleFiles.load(path)).config();
    assertThat(back.keySet()).containsExactlyElementsIn(config.keySet()).inOrder();
    assertThat(back.get("int")).isEqualTo(3L);
    assertThat(back.get("long")).isEqualTo(1L << 40);
    assertThat(back.get("double")).isEqualTo(0.25);
    assertThat(back.get("whole double")).isEqualTo(2.0);
    assertThat(back.get("flag")).isEqualTo(true);
    assertThat(back.get("name")).isEqualTo("é \"quoted\" \n");
    assertThat(back.get("sizes")).isEqualTo(List.of(2L, 0L, 5L));
  }

  @Test
  void unsavableConfigIsRefusedAndTheOldFileStays() throws Exception {
    Path path = folder.resolve("net.safetensors");
    ModuleFiles.save(linearReluLinear(1), path);
    byte[] before = Files.readAllBytes(path);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("rate", Double.NaN);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModuleFiles.save(new Sequential(new TestLayers.Configured(config)), path));
    assertThat(e).hasMessageThat().contains("Configured at \"0\": config entry \"rate\" is Double NaN");
    assertThat(Files.readAllBytes(path)).isEqualTo(before);
    assertThat(temporaries()).isEmpty();
  }

  @Test
  void aConfigStringNoFileCanHoldIsRefused() throws Exception {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", "\uD83D");
    Path path = folder.resolve("surrogate.safetensors");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModuleFiles.save(new TestLayers.Configured(config), path));
    assertThat(e).hasMessageThat().contains("config entry \"name\" holds an unpaired surrogate");
    assertThat(Files.exists(path)).isFalse();
  }

  @Test
  void failedWriteLeavesTheOldFileAndNoTemporary() throws Exception {
    Path path = folder.resolve("net.safetensors");
    ModuleFiles.save(linearReluLinear(1), path);
    byte[] before = Files.readAllBytes(path);
    assertThrows(java.io.IOException.class, () -> AtomicFiles.write(path, channel -> {
      channel.write(java.nio.ByteBuffer.wrap(new byte[100]));
      throw new java.io.IOException("disk full");
    }));
    assertThat(Files.readAllBytes(path)).isEqualTo(before);
    assertThat(temporaries()).isEmpty();
  }

  @Test
  void staleTemporariesAreRemovedByTheNextSave() throws Exception {
    Path path = folder.resolve("net.safetensors");
    Files.write(folder.resolve(".net.safetensors.1234" + AtomicFiles.TEMP_SUFFIX), new byte[] {1, 2});
    Files.write(folder.resolve(".other.safetensors.1234" + AtomicFiles.TEMP_SUFFIX), new byte[] {1, 2});
    ModuleFiles.save(linearReluLinear(1), path);
    assertThat(temporaries()).containsExactly(".other.safetensors.1234" + AtomicFiles.TEMP_SUFFIX);
  }

  private List<String> temporaries() throws Exception {
    try (var files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(AtomicFiles.TEMP_SUFFIX)).toList();
    }
  }

  // ------------------------------------------------------------ shared modules

  @Test
  void moduleUsedTwiceIsWrittenOnceAndRetiedOnLoad() throws Exception {
    TestLayers.Linear shared = new TestLayers.Linear(4, 4, 1);
    Sequential saved = new Sequential(shared, new TestLayers.Relu(), shared);
    Path path = folder.resolve("tied.safetensors");
    ModuleFiles.save(saved, path);
    try (SafetensorsReader file = SafetensorsReader.open(path)) {
      assertThat(file.tensors().keySet()).containsExactly("0.weight", "0.bias");
      assertThat(file.metadata().get(ModuleFiles.ALIASES_KEY))
          .isEqualTo("{\"2.weight\":\"0.weight\",\"2.bias\":\"0.bias\"}");
      assertThat(file.metadata().get(ModuleFiles.ARCHITECTURE_KEY)).contains("\"2\":{\"sameAs\":\"0\"}");
    }
    Sequential loaded = (Sequential) ModuleFiles.load(path);
    assertThat(loaded.get(2)).isSameInstanceAs(loaded.get(0));
    assertSameValues(loaded, saved);
  }

  @Test
  void nestedSharedModuleIsRetiedAtBothDepths() throws Exception {
    TestLayers.MyLinear shared = new TestLayers.MyLinear(3, 3, 1);
    Sequential saved = new Sequential(new Sequential(shared, new TestLayers.Relu()), shared);
    Path path = folder.resolve("nested.safetensors");
    ModuleFiles.save(saved, path);
    try (SafetensorsReader file = SafetensorsReader.open(path)) {
      assertThat(file.tensors().keySet()).containsExactly("0.0.weight", "0.0.bias");
      assertThat(file.metadata().get(ModuleFiles.ALIASES_KEY))
          .isEqualTo("{\"1.weight\":\"0.0.weight\",\"1.bias\":\"0.0.bias\"}");
    }
    Sequential loaded = (Sequential) ModuleFiles.load(path);
    assertThat(loaded.get(1)).isSameInstanceAs(((Sequential) loaded.get(0)).get(0));
    assertSameValues(loaded, saved);
  }

  @Test
  void tiedParameterListedUnderBothNamesLoadsAsPytorchWritesIt() {
    TestLayers.Linear shared = new TestLayers.Linear(2, 2, 1);
    Sequential model = new Sequential(shared, shared);
    Map<String, Tensor> stateDict = new LinkedHashMap<>();
    stateDict.put("0.weight", Tensor.of(new float[] {1, 2, 3, 4}, 2, 2));
    stateDict.put("0.bias", Tensor.of(5, 6));
    stateDict.put("1.weight", Tensor.of(new float[] {1, 2, 3, 4}, 2, 2));
    stateDict.put("1.bias", Tensor.of(5, 6));
    LoadResult result = ModuleFiles.loadWeights(model, stateDict);
    assertThat(result.allKeysMatched()).isTrue();
    assertThat(shared.weight.toFloatArray()).isEqualTo(new float[] {1, 2, 3, 4});
  }

  // ------------------------------------------------------------ strict loading

  @Test
  void everyProblemIsReportedAtOnceInPytorchWords() {
    Sequential model = linearReluLinear(1);
    Map<String, Tensor> stateDict = new LinkedHashMap<>();
    stateDict.put("0.weight", Tensor.zeros(8, 5));
    stateDict.put("2.weight", Tensor.zeros(3, 8));
    stateDict.put("extra", Tensor.zeros(1));
    StateDictException e = assertThrows(StateDictException.class,
        () -> ModuleFiles.loadWeights(model, stateDict));
    assertThat(e).hasMessageThat().isEqualTo("Error(s) in loading state_dict for Sequential:\n"
        + "\tMissing key(s) in state_dict: \"0.bias\", \"2.bias\".\n"
        + "\tUnexpected key(s) in state_dict: \"extra\".\n"
        + "\tsize mismatch for 0.weight: copying a param with shape [8, 5] from checkpoint, the"
        + " shape in current model is [8, 4].");
    assertThat(e.missingKeys()).containsExactly("0.bias", "2.bias");
    assertThat(e.unexpectedKeys()).containsExactly("extra");
  }

  @Test
  void aFailedLoadLeavesTheModelExactlyAsItWas() throws Exception {
    Sequential model = linearReluLinear(1);
    float[] before = TestLayers.values(model);
    // Good values for three parameters, a wrong shape for the fourth: nothing may be copied.
    Map<String, Tensor> stateDict = new LinkedHashMap<>();
    stateDict.put("0.weight", Tensor.ones(8, 4));
    stateDict.put("0.bias", Tensor.ones(8));
    stateDict.put("2.weight", Tensor.ones(3, 8));
    stateDict.put("2.bias", Tensor.ones(4));
    assertThrows(StateDictException.class, () -> ModuleFiles.loadWeights(model, stateDict));
    assertThat(TestLayers.values(model)).isEqualTo(before);

    // The same through a file, and through a non-strict load (a size mismatch is always an error).
    Path path = folder.resolve("bad.safetensors");
    SafetensorsWriter writer = new SafetensorsWriter();
    stateDict.forEach(writer::add);
    Files.write(path, writer.toBytes());
    assertThrows(StateDictException.class, () -> ModuleFiles.loadWeights(model, path));
    assertThrows(StateDictException.class,
        () -> ModuleFiles.loadWeights(model, path, LoadOptions.nonStrict()));
    assertThat(TestLayers.values(model)).isEqualTo(before);

    // A file that breaks the format changes nothing either.
    Files.write(path, java.util.Arrays.copyOf(writer.toBytes(), writer.toBytes().length - 1));
    assertThrows(SafetensorsException.class, () -> ModuleFiles.loadWeights(model, path));
    assertThat(TestLayers.values(model)).isEqualTo(before);
  }

  @Test
  void aPrefixOnEveryCheckpointKeyIsPointedOutAndCanBeStripped() {
    Sequential model = linearReluLinear(1);
    Map<String, Tensor> wrapped = new LinkedHashMap<>();
    linearReluLinear(5).namedParameters().forEach((k, v) -> wrapped.put("module." + k, v));
    StateDictException e = assertThrows(StateDictException.class,
        () -> ModuleFiles.loadWeights(model, wrapped));
    assertThat(e).hasMessageThat().contains("Unexpected key(s) in state_dict: \"module.0.weight\"");
    assertThat(e).hasMessageThat().contains(
        "Hint: every unexpected key starts with \"module.\" and, without it, names a parameter of"
            + " the model; load with LoadOptions.strict().stripPrefix(\"module.\").");
    LoadResult result = ModuleFiles.loadWeights(model, wrapped, LoadOptions.strict().stripPrefix("module."));
    assertThat(result.allKeysMatched()).isTrue();
    assertSameValues(model, linearReluLinear(5));
  }

  @Test
  void aPrefixOnEveryModelKeyIsPointedOut() {
    Sequential model = new Sequential(linearReluLinear(1));
    Map<String, Tensor> bare = linearReluLinear(5).namedParameters();
    StateDictException e = assertThrows(StateDictException.class,
        () -> ModuleFiles.loadWeights(model, bare));
    assertThat(e).hasMessageThat().contains("load with LoadOptions.strict().addPrefix(\"0.\").");
    assertThat(ModuleFiles.loadWeights(model, bare, LoadOptions.strict().addPrefix("0.")).allKeysMatched())
        .isTrue();
  }

  @Test
  void renamesMapCheckpointKeysToParameters() {
    TestLayers.MyLinear model = new TestLayers.MyLinear(2, 3, 1);
    Map<String, Tensor> stateDict = new LinkedHashMap<>();
    stateDict.put("kernel", Tensor.ones(2, 3));
    stateDict.put("bias", Tensor.full(2f, 3));
    LoadResult result = ModuleFiles.loadWeights(model, stateDict, LoadOptions.strict().rename("kernel", "weight"));
    assertThat(result.loadedKeys()).containsExactly("weight", "bias");
    assertThat(model.weight.toFloatArray()).isEqualTo(new float[] {1, 1, 1, 1, 1, 1});
  }

  @Test
  void twoKeysMappedToOneParameterAreRefused() {
    TestLayers.MyLinear model = new TestLayers.MyLinear(2, 3, 1);
    Map<String, Tensor> stateDict = new LinkedHashMap<>();
    stateDict.put("weight", Tensor.ones(2, 3));
    stateDict.put("w", Tensor.ones(2, 3));
    stateDict.put("bias", Tensor.ones(3));
    StateDictException e = assertThrows(StateDictException.class, () -> ModuleFiles.loadWeights(
        model, stateDict, LoadOptions.strict().rename("w", "weight")));
    assertThat(e.problems()).containsExactly("checkpoint keys \"weight\" and \"w\" both map to \"weight\".");
  }

  @Test
  void nonStrictLoadSkipsAndReportsMissingAndUnexpectedKeys() {
    Sequential model = linearReluLinear(1);
    float[] untouched = model.namedParameters().get("2.bias").toFloatArray();
    Map<String, Tensor> stateDict = new LinkedHashMap<>();
    stateDict.put("0.weight", Tensor.ones(8, 4));
    stateDict.put("0.bias", Tensor.ones(8));
    stateDict.put("2.weight", Tensor.ones(3, 8));
    stateDict.put("head.weight", Tensor.ones(1));
    LoadResult result = ModuleFiles.loadWeights(model, stateDict, LoadOptions.nonStrict());
    assertThat(result.missingKeys()).containsExactly("2.bias");
    assertThat(result.unexpectedKeys()).containsExactly("head.weight");
    assertThat(result.loadedKeys()).containsExactly("0.weight", "0.bias", "2.weight").inOrder();
    assertThat(result.toString()).isEqualTo("missing_keys=[2.bias], unexpected_keys=[head.weight]");
    assertThat(model.namedParameters().get("0.bias").toFloatArray()).isEqualTo(new float[] {1, 1, 1, 1, 1, 1, 1, 1});
    assertThat(model.namedParameters().get("2.bias").toFloatArray()).isEqualTo(untouched);
  }

  @Test
  void lossyConversionsAreReported() throws Exception {
    TestLayers.MyLinear model = new TestLayers.MyLinear(1, 2, 1);
    java.nio.ByteBuffer weight = java.nio.ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    weight.putDouble(0.1).putDouble(0.5).flip();
    java.nio.ByteBuffer bias = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    bias.putShort((short) 0x3c00).putShort((short) 0xc000).flip(); // F16 1.0 and -2.0
    Path path = folder.resolve("mixed.safetensors");
    Files.write(path, new SafetensorsWriter()
        .addRaw("weight", dev.lamina.io.safetensors.Dtype.F64, new long[] {1, 2}, weight)
        .addRaw("bias", dev.lamina.io.safetensors.Dtype.F16, new long[] {2}, bias)
        .toBytes());
    LoadResult result = ModuleFiles.loadWeights(model, path);
    assertThat(result.lossyConversions()).containsExactly("weight: 1 of 2 F64 values changed when converted to F32");
    assertThat(model.weight.toFloatArray()).isEqualTo(new float[] {0.1f, 0.5f});
    assertThat(model.bias.toFloatArray()).isEqualTo(new float[] {1f, -2f});
  }

  // ------------------------------------------------------------ rebuilding

  @Test
  void unknownTypeIsRefusedWithTheKnownOnes() throws Exception {
    Path path = folder.resolve("alien.safetensors");
    Files.write(path, new SafetensorsWriter().putMetadata(ModuleFiles.ARCHITECTURE_KEY,
        "{\"type\":\"dev.lamina.Sequential\",\"config\":{},\"children\":{\"0\":"
            + "{\"type\":\"java.lang.Runtime\",\"config\":{}}}}").toBytes());
    SafetensorsException e = assertThrows(SafetensorsException.class, () -> ModuleFiles.load(path));
    assertThat(e).hasMessageThat().contains("lamina.architecture, module \"0\" (type \"java.lang.Runtime\"):"
        + " unknown layer type \"java.lang.Runtime\"");
    assertThat(e).hasMessageThat().contains("test.MyLinear");
  }

  @Test
  void weightsThatDoNotFitTheArchitectureAreRefused() throws Exception {
    Path path = folder.resolve("net.safetensors");
    Files.write(path, new SafetensorsWriter()
        .putMetadata(ModuleFiles.ARCHITECTURE_KEY, "{\"type\":\"test.MyLinear\",\"config\":{\"inUnits\":2,\"units\":3}}")
        .add("weight", Tensor.zeros(2, 3))
        .toBytes());
    SafetensorsException e = assertThrows(SafetensorsException.class, () -> ModuleFiles.load(path));
    assertThat(e).hasMessageThat().contains("Missing key(s) in state_dict: \"bias\".");
  }

  @Test
  void aFileWithoutArchitectureSaysToLoadWeightsInstead() throws Exception {
    SafetensorsException e = assertThrows(SafetensorsException.class,
        () -> ModuleFiles.load(Fixtures.resource("io/pytorch/mylinear_5_3.safetensors")));
    assertThat(e).hasMessageThat().contains("no \"lamina.architecture\" in the metadata");
  }
}
