package dev.lamina.nn;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import dev.lamina.Module;
import dev.lamina.PaddingMode;
import dev.lamina.Sequential;
import dev.lamina.Tensor;
import dev.lamina.io.LoadResult;
import dev.lamina.io.ModuleFiles;
import dev.lamina.testing.Fixtures;
import dev.lamina.testing.GradCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in convolution and pooling layers against the PyTorch layers of
 * {@code fixtures/extras/make_conv_fixtures.py} ({@code conv_layers/}), each built here with the
 * same constructor arguments: PyTorch's state dict loads strictly, the layer reproduces PyTorch's
 * output for the stored input, prints as PyTorch prints, and is rebuilt from its own file.
 */
class ConvolutionLayersTest {
  private static final Path LAYERS = Path.of("..", "fixtures", "extras", "conv_layers");
  private static final Map<String, Supplier<Module>> BUILT_AS_IN_PYTORCH = new LinkedHashMap<>();

  static {
    layer("conv2d", () -> Conv2d.create(2, 4, ints(3), ints(2), ints(1)));
    layer("conv2d_grouped",
        () -> Conv2d.create(4, 6, ints(3, 2), ints(2, 1), ints(1, 0), ints(1, 2), 2, false));
    layer("conv2d_lenet", () -> Conv2d.create(1, 6, 5));
    layer("conv1d", () -> Conv1d.create(3, 4, 3, 2, 1));
    layer("conv1d_grouped", () -> Conv1d.create(4, 2, 2, 1, 0, 3, 2, false));
    layer("conv2d_reflect", () -> Conv2d.create(2, 3, ints(3, 2), ints(1), ints(2, 1), ints(1), 1,
        true, PaddingMode.REFLECT));
    layer("conv1d_replicate",
        () -> Conv1d.create(2, 3, 3, 2, 2, 1, 1, true, PaddingMode.REPLICATE));
    layer("max_pool2d", () -> MaxPool2d.create(2));
    layer("max_pool2d_padded", () -> MaxPool2d.create(ints(3, 2), ints(2, 1), ints(1)));
    layer("avg_pool2d", () -> AvgPool2d.create(2));
    layer("avg_pool2d_padded", () -> AvgPool2d.create(ints(3), ints(2), ints(1)));
    layer("adaptive_avg_pool2d", () -> AdaptiveAvgPool2d.create(ints(3, 2)));
    layer("adaptive_avg_pool2d_square", () -> AdaptiveAvgPool2d.create(4));
  }

  private static final JsonObject REPRS =
      Fixtures.load("fixtures/extras", "conv_fixtures.json").getAsJsonObject("reprs");

  @TempDir Path folder;

  @TestFactory
  Stream<DynamicTest> loadPytorchsStateDictStrictlyAndComputeItsOutput() {
    return BUILT_AS_IN_PYTORCH.entrySet().stream().map(entry ->
        DynamicTest.dynamicTest(entry.getKey(), () -> {
          Module layer = entry.getValue().get();
          Path stateDict = LAYERS.resolve(entry.getKey() + ".safetensors");
          if (Files.exists(stateDict)) {
            LoadResult result = ModuleFiles.loadWeights(layer, stateDict);
            assertThat(result.allKeysMatched()).isTrue();
            assertThat(result.loadedKeys())
                .containsExactlyElementsIn(ModuleFiles.readStateDict(stateDict).keySet());
          } else {
            assertWithMessage("parameters of %s, for which PyTorch saved no state dict", layer)
                .that(layer.stateDict()).isEmpty();
          }
          Map<String, Tensor> io = ModuleFiles.readStateDict(
              LAYERS.resolve(entry.getKey() + ".io.safetensors"));
          GradCheck.assertClose(entry.getKey(), layer.forward(io.get("input")), io.get("output"));
        }));
  }

  @TestFactory
  Stream<DynamicTest> printAsPytorchPrints() {
    return BUILT_AS_IN_PYTORCH.entrySet().stream().map(entry ->
        DynamicTest.dynamicTest(entry.getKey(), () -> assertThat(entry.getValue().get().toString())
            .isEqualTo(REPRS.get(entry.getKey()).getAsString())));
  }

  @TestFactory
  Stream<DynamicTest> areRebuiltFromTheirOwnFiles() {
    return BUILT_AS_IN_PYTORCH.entrySet().stream().map(entry ->
        DynamicTest.dynamicTest(entry.getKey(), () -> {
          Module layer = entry.getValue().get();
          Path file = folder.resolve(entry.getKey() + ".safetensors");
          layer.save(file);
          Module rebuilt = Module.load(file);
          Tensor x = ModuleFiles.readStateDict(LAYERS.resolve(entry.getKey() + ".io.safetensors"))
              .get("input");
          assertThat(rebuilt.toString()).isEqualTo(layer.toString());
          assertThat(rebuilt.forward(x).toFloatArray()).isEqualTo(layer.forward(x).toFloatArray());
        }));
  }

  @Test
  void everyFixtureHasALayerBuiltHere() throws IOException {
    List<String> names = new ArrayList<>(BUILT_AS_IN_PYTORCH.keySet());
    names.add("cnn");
    try (Stream<Path> files = Files.list(LAYERS)) {
      assertThat(files.map(f -> f.getFileName().toString().replaceAll("(\\.io)?\\.safetensors$", ""))
          .distinct().toList()).containsExactlyElementsIn(names);
    }
    assertThat(REPRS.keySet()).containsExactlyElementsIn(names);
  }

  /**
   * A small network of these layers in a {@link Sequential}, as {@code cnn()} of the fixture script
   * builds it: PyTorch's state dict loads strictly, and the output and the gradients of
   * {@code sum(w * output)} for the input and every parameter are PyTorch's.
   */
  @Test
  void aNetworkOfTheseLayersComputesPytorchsOutputAndGradients() throws IOException {
    Sequential cnn = new Sequential(
        Conv2d.create(1, 4, ints(3), ints(1), ints(1)), ReLU.create(), MaxPool2d.create(2),
        Conv2d.create(4, 6, ints(3, 2), ints(1, 2), ints(0), ints(1), 2, true), ReLU.create(),
        AvgPool2d.create(ints(2), null, ints(1)), AdaptiveAvgPool2d.create(ints(2, 1)),
        Flatten.create(), Linear.create(12, 3));
    LoadResult result = ModuleFiles.loadWeights(cnn, LAYERS.resolve("cnn.safetensors"));
    Map<String, Tensor> io = ModuleFiles.readStateDict(LAYERS.resolve("cnn.io.safetensors"));
    Tensor x = io.get("input").requiresGrad(true);

    Tensor out = cnn.forward(x);
    out.mul(io.get("weights")).sum().backward();

    assertThat(result.allKeysMatched()).isTrue();
    assertThat(cnn.toString()).isEqualTo(REPRS.get("cnn").getAsString());
    GradCheck.assertClose("output", out, io.get("output"));
    GradCheck.assertClose("gradient of the input", x.grad(), io.get("grad.input"));
    assertThat(cnn.namedParameters()).hasSize(6);
    cnn.namedParameters().forEach((key, parameter) ->
        GradCheck.assertClose("gradient of " + key, parameter.grad(), io.get("grad." + key)));
  }

  @Test
  void convolutionsAreInitializedAsPytorchBoundsThem() {
    Conv2d conv = Conv2d.create(4, 64, ints(3, 2), ints(1), ints(0), ints(1), 2, true);
    // fan_in = inChannels / groups * kh * kw = 2 * 3 * 2
    double bound = 1 / Math.sqrt(12);
    assertThat(conv.weight().shape()).isEqualTo(new int[] {64, 2, 3, 2});
    assertBoundedBy("weight", conv.weight(), bound);
    assertBoundedBy("bias", conv.bias(), bound);

    Conv1d conv1d = Conv1d.create(6, 60, 5, 1, 0, 1, 3, true);
    assertThat(conv1d.weight().shape()).isEqualTo(new int[] {60, 2, 5});
    assertBoundedBy("conv1d weight", conv1d.weight(), 1 / Math.sqrt(10));
    assertBoundedBy("conv1d bias", conv1d.bias(), 1 / Math.sqrt(10));
  }

  @Test
  void wrongInputShapesAreReportedWithTheLayerAndTheDeclaredShape() {
    Conv2d conv = Conv2d.create(3, 6, 5);
    MaxPool2d pool = MaxPool2d.create(2);
    Conv1d conv1d = Conv1d.create(3, 4, 3);

    RuntimeException channels =
        assertThrows(RuntimeException.class, () -> conv.forward(Tensor.zeros(2, 1, 28, 28)));
    RuntimeException rank =
        assertThrows(RuntimeException.class, () -> pool.forward(Tensor.zeros(28, 28)));
    RuntimeException sequence =
        assertThrows(RuntimeException.class, () -> conv1d.forward(Tensor.zeros(2, 4, 10)));
    RuntimeException average = assertThrows(RuntimeException.class,
        () -> AvgPool2d.create(2).forward(Tensor.zeros(5)));
    RuntimeException adaptive = assertThrows(RuntimeException.class,
        () -> AdaptiveAvgPool2d.create(3).forward(Tensor.zeros(4, 6)));

    assertThat(channels).hasMessageThat().isEqualTo("Conv2d.forward: x has shape [2, 1, 28, 28],"
        + " expected [..., inChannels=3, height, width]");
    assertThat(rank).hasMessageThat().isEqualTo(
        "MaxPool2d.forward: x has shape [28, 28], expected [..., channels, height, width]");
    assertThat(sequence).hasMessageThat().isEqualTo(
        "Conv1d.forward: x has shape [2, 4, 10], expected [..., inChannels=3, length]");
    assertThat(average).hasMessageThat().isEqualTo(
        "AvgPool2d.forward: x has shape [5], expected [..., channels, height, width]");
    assertThat(adaptive).hasMessageThat().isEqualTo(
        "AdaptiveAvgPool2d.forward: x has shape [4, 6], expected [..., channels, height, width]");
  }

  @Test
  void anInputSmallerThanTheKernelIsReportedWithTheLayerAndTheSizes() {
    Conv2d conv = Conv2d.create(1, 6, 5);

    RuntimeException e =
        assertThrows(RuntimeException.class, () -> conv.forward(Tensor.zeros(2, 1, 3, 4)));

    assertThat(e).hasMessageThat().contains("Conv2d");
    assertThat(e).hasMessageThat().contains(
        "conv2d: input [2, 1, 3, 4] and weight [6, 1, 5, 5] and bias [6]: the input's 3 positions"
            + " padded by 0 on each side are fewer than the kernel's 5 (dilated by 1)");
  }

  /** An input without its batch dimension gives PyTorch's output for that one sample. */
  @TestFactory
  Stream<DynamicTest> takeUnbatchedInputsAsPytorchDoes() {
    return BUILT_AS_IN_PYTORCH.entrySet().stream().map(entry ->
        DynamicTest.dynamicTest(entry.getKey(), () -> {
          Module layer = entry.getValue().get();
          Path stateDict = LAYERS.resolve(entry.getKey() + ".safetensors");
          if (Files.exists(stateDict)) {
            ModuleFiles.loadWeights(layer, stateDict);
          }
          Map<String, Tensor> io = ModuleFiles.readStateDict(
              LAYERS.resolve(entry.getKey() + ".io.safetensors"));
          GradCheck.assertClose(entry.getKey(), layer.forward(io.get("input").select(0, 0)),
              io.get("output").select(0, 0));
        }));
  }

  @Test
  void refusesGroupsThatDoNotDivideTheChannels() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Conv2d.create(4, 6, ints(3), ints(1), ints(0), ints(1), 4, true));

    assertThat(e).hasMessageThat()
        .isEqualTo("Conv2d: inChannels=4 and outChannels=6 must both be divisible by groups=4");
  }

  private static void assertBoundedBy(String what, Tensor t, double bound) {
    float[] values = t.toFloatArray();
    double largest = 0;
    for (float v : values) {
      largest = Math.max(largest, Math.abs(v));
    }
    assertWithMessage("%s: largest magnitude", what).that(largest).isAtMost(bound);
    // Uniform draws come close to the bound, which rules out a bound from the wrong fan (the
    // bias's own size, or the channels without groups).
    assertWithMessage("%s: largest magnitude", what).that(largest).isGreaterThan(0.9 * bound);
  }

  private static int[] ints(int... values) {
    return values;
  }

  private static void layer(String name, Supplier<Module> make) {
    BUILT_AS_IN_PYTORCH.put(name, make);
  }
}
