package dev.lamina.examples.layers;

import static com.google.common.truth.Truth.assertThat;
import static dev.lamina.examples.layers.TorchFixtures.assertClose;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.io.LoadResult;
import dev.lamina.io.ModuleFiles;
import dev.lamina.io.safetensors.SafetensorsWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The example stack of blocks against a PyTorch module holding {@code nn.ModuleList} of three
 * blocks: the names {@code blocks.0.fc.weight}, ... match both ways, and the outputs agree.
 */
class BlockStackMatchesTorchTest {
  /** Three float32 4x4 products with tanh: a few ulps from PyTorch. */
  private static final double TOLERANCE = 1e-5;

  @Test
  void loadsPytorchsModuleListStrictlyAndComputesItsOutput() throws Exception {
    BlockStack stack = BlockStack.create(3, 4);
    LoadResult result = ModuleFiles.loadWeights(stack, TorchFixtures.stateDict("stack"));
    assertThat(result.allKeysMatched()).isTrue();
    assertThat(result.loadedKeys()).containsExactly("blocks.0.fc.weight", "blocks.0.fc.bias",
        "blocks.1.fc.weight", "blocks.1.fc.bias", "blocks.2.fc.weight", "blocks.2.fc.bias");
    Map<String, Tensor> io = TorchFixtures.io("stack");
    assertClose("stack(input)", stack.forward(io.get("input")), io.get("output"), TOLERANCE);
  }

  @Test
  void writesItsOwnFileWithExactlyPytorchsEntries() throws Exception {
    Path folder = TorchFixtures.interopFolder();
    BlockStack stack = BlockStack.create(3, 4);
    Path file = folder.resolve("stack.safetensors");
    stack.save(file);
    TorchFixtures.assertSameEntries(file, "stack");
    Tensor x = TorchFixtures.io("stack").get("input");
    Tensor output = stack.forward(x);
    Files.write(folder.resolve("stack.io.safetensors"),
        new SafetensorsWriter().add("input", x).add("output", output).toBytes());
    BlockStack loaded = (BlockStack) Module.load(file);
    assertClose("rebuilt stack", loaded.forward(x), output, 0);
  }
}
