package dev.lamina.examples.layers;

import static com.google.common.truth.Truth.assertThat;

import dev.lamina.Tensor;
import dev.lamina.io.LoadResult;
import dev.lamina.io.ModuleFiles;
import dev.lamina.io.safetensors.SafetensorsWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The example GRU cell against PyTorch's {@code nn.GRUCell(5, 4)}: it loads PyTorch's state dict
 * strictly and computes PyTorch's outputs and gradients
 * ({@code fixtures/examples/make_fixtures.py}), and it writes its own file and outputs to
 * {@code target/pytorch-interop} (or the folder in system property {@code lamina.interop.dir}) for
 * {@code fixtures/examples/check_lamina_examples.py} to load into PyTorch.
 */
class GruCellMatchesTorchTest {
  private static final Path FIXTURES = TorchFixtures.FIXTURES;
  /** Float32 products of 5 and 4 terms, sigmoid and tanh: a few ulps apart from PyTorch's. */
  private static final double TOLERANCE = 1e-5;

  private static Map<String, Tensor> pytorchOutputs() throws Exception {
    return ModuleFiles.readStateDict(FIXTURES.resolve("gru_cell.io.safetensors"));
  }

  @Test
  void loadsPytorchsStateDictStrictlyAndComputesItsOutputs() throws Exception {
    GruCell cell = GruCell.create(5, 4);
    LoadResult result = ModuleFiles.loadWeights(cell, FIXTURES.resolve("gru_cell.safetensors"));
    assertThat(result.allKeysMatched()).isTrue();
    assertThat(result.lossyConversions()).isEmpty();
    assertThat(result.loadedKeys())
        .containsExactly("weight_ih", "weight_hh", "bias_ih", "bias_hh");
    Map<String, Tensor> io = pytorchOutputs();
    assertClose("cell(x, h)", cell.forward(io.get("x"), io.get("h")), io.get("output"));
    assertClose("cell(x)", cell.forward(io.get("x"), null), io.get("output_without_h"));
  }

  @Test
  void computesPytorchsGradients() throws Exception {
    GruCell cell = GruCell.create(5, 4);
    ModuleFiles.loadWeights(cell, FIXTURES.resolve("gru_cell.safetensors"));
    Map<String, Tensor> io = pytorchOutputs();
    Tensor x = io.get("x").requiresGrad(true);
    Tensor h = io.get("h").requiresGrad(true);
    cell.forward(x, h).mul(io.get("output_weights")).sum().backward();
    assertClose("d/dx", x.grad(), io.get("grad.x"));
    assertClose("d/dh", h.grad(), io.get("grad.h"));
    for (Map.Entry<String, Tensor> parameter : cell.namedParameters().entrySet()) {
      assertClose("d/d" + parameter.getKey(), parameter.getValue().grad(),
          io.get("grad." + parameter.getKey()));
    }
  }

  @Test
  void writesItsOwnFileWithExactlyPytorchsKeys() throws Exception {
    Path folder = TorchFixtures.interopFolder();
    // Lamina's own initialization, not PyTorch's weights: PyTorch then computes with Lamina's.
    GruCell cell = GruCell.create(5, 4);
    Path file = folder.resolve("gru_cell.safetensors");
    ModuleFiles.save(cell, file);
    Map<String, Tensor> io = pytorchOutputs();
    Tensor x = io.get("x");
    Tensor h = io.get("h");
    Files.write(folder.resolve("gru_cell.io.safetensors"), new SafetensorsWriter()
        .add("x", x).add("h", h)
        .add("output", cell.forward(x, h))
        .add("output_without_h", cell.forward(x, null))
        .toBytes());
    TorchFixtures.assertSameEntries(file, "gru_cell");
  }

  private static void assertClose(String what, Tensor actual, Tensor expected) {
    TorchFixtures.assertClose(what, actual, expected, TOLERANCE);
  }

}
