package dev.lamina.nn;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.Generator;
import dev.lamina.LayerForwardException;
import dev.lamina.Module;
import dev.lamina.Sequential;
import dev.lamina.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in activations, reshaping layers and norms: PyTorch's printed form (each expected
 * string is what PyTorch 1.13 prints for the same module), state-dict entries, and behaviour.
 */
class NormAndActivationLayersTest {
  @Test
  void printAsPytorchDoes() {
    assertThat(GELU.create().toString()).isEqualTo("GELU(approximate='none')");
    assertThat(GELU.create("tanh").toString()).isEqualTo("GELU(approximate='tanh')");
    assertThat(LeakyReLU.create().toString()).isEqualTo("LeakyReLU(negative_slope=0.01)");
    assertThat(LeakyReLU.create(0.2).toString()).isEqualTo("LeakyReLU(negative_slope=0.2)");
    assertThat(Identity.create().toString()).isEqualTo("Identity()");
    assertThat(Unflatten.create(1, 2, 3).toString())
        .isEqualTo("Unflatten(dim=1, unflattened_size=(2, 3))");
    assertThat(LayerNorm.create(4).toString())
        .isEqualTo("LayerNorm((4,), eps=1e-05, elementwise_affine=True)");
    assertThat(LayerNorm.create(4, 1e-3).toString())
        .isEqualTo("LayerNorm((4,), eps=0.001, elementwise_affine=True)");
    assertThat(LayerNorm.create(4, 1e-5, false).toString())
        .isEqualTo("LayerNorm((4,), eps=1e-05, elementwise_affine=False)");
    assertThat(BatchNorm1d.create(6).toString())
        .isEqualTo("BatchNorm1d(6, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)");
    assertThat(BatchNorm1d.create(3, 1e-5, 0.1, false, false).toString())
        .isEqualTo("BatchNorm1d(3, eps=1e-05, momentum=0.1, affine=False, track_running_stats=False)");
    assertThat(BatchNorm2d.create(3).toString())
        .isEqualTo("BatchNorm2d(3, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)");
  }

  @Test
  void activationLayersApplyTheirOps() {
    Tensor x = Tensor.randn(new Generator(3), 3, 4);
    assertThat(GELU.create().forward(x).equal(x.gelu())).isTrue();
    assertThat(GELU.create("tanh").forward(x).equal(x.gelu("tanh"))).isTrue();
    assertThat(LeakyReLU.create(0.2).forward(x).equal(x.leakyRelu(0.2f))).isTrue();
    assertThat(Identity.create().forward(x)).isSameInstanceAs(x);
  }

  @Test
  void geluRefusesAnUnknownApproximation() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GELU.create("erf"));
    assertThat(e).hasMessageThat().contains("\"none\" or \"tanh\"");
  }

  @Test
  void unflattenSplitsOneDimension() {
    assertThat(Unflatten.create(1, 1, 28, 28).forward(Tensor.zeros(4, 784)).shape())
        .isEqualTo(new int[] {4, 1, 28, 28});
    assertThat(Unflatten.create(-1, 2, -1).forward(Tensor.zeros(3, 5, 6)).shape())
        .isEqualTo(new int[] {3, 5, 2, 3});
    Tensor x = Tensor.arange(6).reshape(2, 3).to(dev.lamina.annotations.DType.FLOAT32);
    Tensor y = Unflatten.create(0, 2, 1).forward(x);
    assertThat(y.toFloatArray()).isEqualTo(x.toFloatArray());
  }

  @Test
  void aSavedModelOfEveryLayerRebuildsWithItsConfigAndState(@TempDir Path folder)
      throws IOException {
    Sequential model = new Sequential(Unflatten.create(1, 2, 2, 2), BatchNorm2d.create(2, 1e-3, 0.3,
        true, true), Identity.create(), Flatten.create(), LayerNorm.create(8, 1e-4),
        GELU.create("tanh"), BatchNorm1d.create(8, 1e-5, 0.1, false, true),
        LeakyReLU.create(0.3));
    Tensor x = Tensor.randn(new Generator(7), 5, 8, 1, 1).reshape(5, 8);
    model.forward(x);
    Path file = folder.resolve("model.safetensors");

    model.save(file);
    Module loaded = Module.load(file);

    assertThat(loaded.toString()).isEqualTo(model.toString());
    assertThat(loaded.stateDict().keySet()).containsExactlyElementsIn(model.stateDict().keySet())
        .inOrder();
    for (Map.Entry<String, Tensor> entry : model.stateDict().entrySet()) {
      assertThat(loaded.stateDict().get(entry.getKey()).equal(entry.getValue())).isTrue();
    }
    model.eval();
    loaded.eval();
    assertThat(loaded.forward(x).equal(model.forward(x))).isTrue();
  }

  @Test
  void batchNormHasPytorchsEntriesAndInitialState() {
    BatchNorm1d norm = BatchNorm1d.create(5);
    assertThat(norm.stateDict().keySet()).containsExactly("weight", "bias", "running_mean",
        "running_var", "num_batches_tracked").inOrder();
    assertThat(norm.parameters()).hasSize(2);
    assertThat(norm.weight().toFloatArray()).isEqualTo(new float[] {1, 1, 1, 1, 1});
    assertThat(norm.bias().toFloatArray()).isEqualTo(new float[5]);
    assertThat(norm.runningVar().toFloatArray()).isEqualTo(new float[] {1, 1, 1, 1, 1});
    assertThat(norm.numBatchesTracked().longItem()).isEqualTo(0L);
    assertThat(BatchNorm2d.create(3, 1e-5, 0.1, false, false).stateDict()).isEmpty();
    assertThat(LayerNorm.create(4, 1e-5, false).stateDict()).isEmpty();
  }

  @Test
  void batchNormWithoutRunningStatisticsUsesTheBatchsInEvaluation() {
    Tensor x = Tensor.randn(new Generator(5), 6, 3);
    BatchNorm1d norm = BatchNorm1d.create(3, 1e-5, 0.1, true, false);
    Tensor train = norm.forward(x);
    norm.eval();
    assertThat(norm.forward(x).equal(train)).isTrue();
  }

  @Test
  void batchNormTrainingUpdatesOnlyInTrainingMode() {
    BatchNorm2d norm = BatchNorm2d.create(2);
    Tensor x = Tensor.randn(new Generator(6), 2, 2, 3, 3).add(4f);
    norm.eval();
    norm.forward(x);
    assertThat(norm.runningMean().toFloatArray()).isEqualTo(new float[2]);
    assertThat(norm.numBatchesTracked().longItem()).isEqualTo(0L);
    norm.train();
    norm.forward(x);
    assertThat(norm.numBatchesTracked().longItem()).isEqualTo(1L);
    // One step of momentum 0.1 from 0 towards a batch mean near 4.
    assertThat((double) norm.runningMean().get(0)).isWithin(0.15).of(0.4);
  }

  @Test
  void batchNormNamesTheLayerForAWrongInput() {
    Module norm = BatchNorm1d.create(6);
    LayerForwardException rank = assertThrows(LayerForwardException.class,
        () -> norm.forward(Tensor.zeros(2, 6, 3, 3)));
    assertThat(rank).hasMessageThat().isEqualTo("BatchNorm1d.forward: expected a 2-d or 3-d"
        + " input, [N, C] or [N, C, L], but it has shape [2, 6, 3, 3]");
    LayerForwardException channels = assertThrows(LayerForwardException.class,
        () -> norm.forward(Tensor.zeros(4, 5)));
    assertThat(channels).hasMessageThat().isEqualTo("BatchNorm1d.forward: input of shape [4, 5]"
        + " has 5 channels in dimension 1, expected numFeatures=6");
    LayerForwardException single = assertThrows(LayerForwardException.class,
        () -> norm.forward(Tensor.zeros(1, 6)));
    assertThat(single).hasMessageThat().contains("more than 1 value per channel");
    Module image = BatchNorm2d.create(3);
    assertThrows(RuntimeException.class, () -> image.forward(Tensor.zeros(2, 3, 4)));
  }
}
