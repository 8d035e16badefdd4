package dev.lamina.examples.layers;

import static com.google.common.truth.Truth.assertThat;
import static dev.lamina.examples.layers.TorchFixtures.assertClose;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.DType;
import dev.lamina.io.LoadResult;
import dev.lamina.io.ModuleFiles;
import dev.lamina.io.safetensors.SafetensorsWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The example BatchNorm1d against PyTorch's {@code nn.BatchNorm1d(6)} after three training batches:
 * it loads PyTorch's state dict strictly (running statistics and the int64 {@code
 * num_batches_tracked} included), computes PyTorch's train- and eval-mode outputs and updates its
 * buffers as PyTorch does; and it writes its own file and outputs for PyTorch to check.
 */
class BatchNorm1dMatchesTorchTest {
  /** Means and variances over 8 float32 rows, divided by a square root: a few ulps from PyTorch. */
  private static final double TOLERANCE = 1e-5;

  @Test
  void loadsPytorchsStateDictWithItsBuffersStrictly() throws Exception {
    BatchNorm1d norm = BatchNorm1d.create(6);
    LoadResult result = ModuleFiles.loadWeights(norm, TorchFixtures.stateDict("batch_norm"));
    assertThat(result.allKeysMatched()).isTrue();
    assertThat(result.lossyConversions()).isEmpty();
    assertThat(result.loadedKeys()).containsExactly("weight", "bias", "running_mean", "running_var",
        "num_batches_tracked");
    assertThat(norm.numBatchesTracked().dtype()).isEqualTo(DType.INT64);
    assertThat(norm.numBatchesTracked().longItem()).isEqualTo(3L);
    assertThat(norm.parameters()).hasSize(2);
  }

  @Test
  void computesPytorchsOutputsAndBufferUpdates() throws Exception {
    BatchNorm1d norm = BatchNorm1d.create(6);
    ModuleFiles.loadWeights(norm, TorchFixtures.stateDict("batch_norm"));
    Map<String, Tensor> io = TorchFixtures.io("batch_norm");
    Tensor x = io.get("input");
    assertClose("train-mode output", norm.forward(x), io.get("train_output"), TOLERANCE);
    assertClose("running_mean", norm.runningMean(), io.get("running_mean_after_train"), TOLERANCE);
    assertClose("running_var", norm.runningVar(), io.get("running_var_after_train"), TOLERANCE);
    assertThat(norm.numBatchesTracked().longItem())
        .isEqualTo(io.get("num_batches_tracked_after_train").longItem());
    norm.eval();
    assertClose("eval-mode output", norm.forward(x), io.get("eval_output"), TOLERANCE);
  }

  @Test
  void writesItsOwnFileWithExactlyPytorchsEntries() throws Exception {
    Path folder = TorchFixtures.interopFolder();
    BatchNorm1d norm = BatchNorm1d.create(6);
    // Lamina's own statistics, from batches of its own, so that PyTorch checks what Lamina learned.
    for (int i = 0; i < 2; i++) {
      norm.forward(Tensor.randn(7, 6).mul(1.5f).add(0.25f));
    }
    Path file = folder.resolve("batch_norm.safetensors");
    norm.save(file);
    TorchFixtures.assertSameEntries(file, "batch_norm");
    Tensor x = TorchFixtures.io("batch_norm").get("input");
    Tensor train = norm.forward(x);
    SafetensorsWriter outputs = new SafetensorsWriter().add("input", x).add("train_output", train)
        .add("running_mean_after_train", norm.runningMean().copy())
        .add("running_var_after_train", norm.runningVar().copy())
        .add("num_batches_tracked_after_train", norm.numBatchesTracked().copy());
    norm.eval();
    outputs.add("eval_output", norm.forward(x));
    Files.write(folder.resolve("batch_norm.io.safetensors"), outputs.toBytes());
    // And Lamina reads its own file back as it wrote it.
    BatchNorm1d loaded = (BatchNorm1d) Module.load(file);
    assertThat(loaded.numBatchesTracked().longItem()).isEqualTo(2L);
  }
}
