package dev.lamina.nn;

import static com.google.common.truth.Truth.assertThat;
import static dev.lamina.testing.GradCheck.assertClose;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.DType;
import dev.lamina.io.LoadResult;
import dev.lamina.io.ModuleFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * BatchNorm1d, BatchNorm2d and LayerNorm against PyTorch's modules
 * ({@code fixtures/extras/make_norm_layer_fixtures.py}): PyTorch's state dicts, taken after a few
 * training batches, load strictly, and the layers then compute PyTorch's train- and eval-mode
 * outputs, gradients and running statistics.
 */
class NormLayersMatchTorchTest {
  private static final Path FIXTURES = Path.of("..", "fixtures", "extras");

  @Test
  void batchNorm1dLoadsPytorchsStateAndComputesItsTrainingAndEvaluation() throws IOException {
    BatchNorm1d norm = BatchNorm1d.create(4, 1e-5, 0.2);
    checkBatchNorm("batch_norm1d", norm, norm.weight(), norm.bias(), norm.runningMean(),
        norm.runningVar(), norm.numBatchesTracked());
  }

  @Test
  void batchNorm2dLoadsPytorchsStateAndComputesItsTrainingAndEvaluation() throws IOException {
    BatchNorm2d norm = BatchNorm2d.create(3);
    checkBatchNorm("batch_norm2d", norm, norm.weight(), norm.bias(), norm.runningMean(),
        norm.runningVar(), norm.numBatchesTracked());
  }

  private static void checkBatchNorm(String name, Module norm, Tensor weight, Tensor bias,
      Tensor runningMean, Tensor runningVar, Tensor numBatchesTracked) throws IOException {
    LoadResult result = ModuleFiles.loadWeights(norm, FIXTURES.resolve(name + ".safetensors"));
    assertThat(result.allKeysMatched()).isTrue();
    assertThat(result.lossyConversions()).isEmpty();
    assertThat(result.loadedKeys()).containsExactly("weight", "bias", "running_mean",
        "running_var", "num_batches_tracked").inOrder();
    assertThat(numBatchesTracked.dtype()).isEqualTo(DType.INT64);
    assertThat(numBatchesTracked.longItem()).isEqualTo(3L);
    Map<String, Tensor> io = io(name);

    Tensor x = io.get("input").copy().requiresGrad(true);
    Tensor train = norm.forward(x);
    train.mul(io.get("output_weights")).sum().backward();

    assertClose(name + " train-mode output", train, io.get("train_output"));
    assertClose(name + " running_mean", runningMean, io.get("running_mean_after_train"));
    assertClose(name + " running_var", runningVar, io.get("running_var_after_train"));
    assertThat(numBatchesTracked.longItem())
        .isEqualTo(io.get("num_batches_tracked_after_train").longItem());
    assertClose(name + " gradient of the input", x.grad(), io.get("grad.input"));
    assertClose(name + " gradient of weight", weight.grad(), io.get("grad.weight"));
    assertClose(name + " gradient of bias", bias.grad(), io.get("grad.bias"));
    norm.eval();
    assertClose(name + " eval-mode output", norm.forward(io.get("input")), io.get("eval_output"));
    assertThat(numBatchesTracked.longItem()).isEqualTo(4L);
  }

  @Test
  void layerNormLoadsPytorchsStateAndComputesItsOutputAndGradients() throws IOException {
    LayerNorm norm = LayerNorm.create(5);
    LoadResult result = ModuleFiles.loadWeights(norm, FIXTURES.resolve("layer_norm.safetensors"));
    assertThat(result.allKeysMatched()).isTrue();
    assertThat(result.loadedKeys()).containsExactly("weight", "bias").inOrder();
    Map<String, Tensor> io = io("layer_norm");
    Tensor x = io.get("input").copy().requiresGrad(true);

    Tensor out = norm.forward(x);
    out.mul(io.get("output_weights")).sum().backward();

    assertClose("output", out, io.get("output"));
    assertClose("gradient of the input", x.grad(), io.get("grad.input"));
    assertClose("gradient of weight", norm.weight().grad(), io.get("grad.weight"));
    assertClose("gradient of bias", norm.bias().grad(), io.get("grad.bias"));
  }

  private static Map<String, Tensor> io(String name) throws IOException {
    return ModuleFiles.readStateDict(FIXTURES.resolve(name + ".io.safetensors"));
  }
}
