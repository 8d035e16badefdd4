package dev.lamina.nn;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.Generator;
import dev.lamina.Module;
import dev.lamina.Sequential;
import dev.lamina.Tensor;
import dev.lamina.registry.LayerRegistry;
import dev.lamina.shape.ShapeMismatchException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runtime's own layers, generated like a user's, behave and print as PyTorch's do. */
class BuiltInLayersTest {
  @Test
  void linearHasPyTorchsLayoutNamesAndPrint() {
    Linear linear = Linear.create(20, 256);
    assertThat(linear.toString()).isEqualTo("Linear(in_features=20, out_features=256, bias=True)");
    assertThat(linear.namedParameters().keySet()).containsExactly("weight", "bias").inOrder();
    assertThat(linear.weight().shape()).isEqualTo(new int[] {256, 20});
    assertThat(linear.bias().shape()).isEqualTo(new int[] {256});
  }

  @Test
  void linearInitIsBoundedByOneOverSqrtIn() {
    Linear linear = Linear.create(16, 300);
    double bound = 1 / Math.sqrt(16);
    assertWithinBound(linear.weight().toFloatArray(), bound);
    assertWithinBound(linear.bias().toFloatArray(), bound);
  }

  private static void assertWithinBound(float[] values, double bound) {
    double largest = 0;
    for (float v : values) {
      largest = Math.max(largest, Math.abs(v));
    }
    assertThat(largest).isAtMost(bound);
    // Uniform draws come close to the bound, which rules out a bound from the wrong fan.
    assertThat(largest).isGreaterThan(0.9 * bound);
  }

  @Test
  void linearComputesXWTransposedPlusB() {
    Linear linear = Linear.create(3, 2);
    Tensor x = Tensor.randn(new Generator(1), 4, 3);
    Tensor y = linear.forward(x);
    for (int i = 0; i < 4; i++) {
      for (int o = 0; o < 2; o++) {
        double sum = linear.bias().get(o);
        for (int k = 0; k < 3; k++) {
          sum += x.get(i, k) * linear.weight().get(o, k);
        }
        assertThat((double) y.get(i, o)).isWithin(1e-5).of(sum);
      }
    }
  }

  @Test
  void linearWithoutBiasHasNoBias() {
    Linear linear = Linear.create(4, 2, false);
    assertThat(linear.bias()).isNull();
    assertThat(linear.namedParameters().keySet()).containsExactly("weight");
    assertThat(linear.toString()).isEqualTo("Linear(in_features=4, out_features=2, bias=False)");
    assertThat(linear.forward(Tensor.ones(1, 4)).shape()).isEqualTo(new int[] {1, 2});
  }

  @Test
  void linearChecksItsInputAndAcceptsLeadingDimensions() {
    Linear linear = Linear.create(3, 2);
    assertThat(linear.forward(Tensor.zeros(5, 4, 3)).shape()).isEqualTo(new int[] {5, 4, 2});
    ShapeMismatchException error =
        assertThrows(ShapeMismatchException.class, () -> linear.forward(Tensor.zeros(5, 4)));
    assertThat(error).hasMessageThat()
        .isEqualTo("Linear.forward: x has shape [5, 4], expected [..., inFeatures=3]");
  }

  @Test
  void lazyLinearPrintsItsInferredSize() {
    LazyLinear lazy = LazyLinear.create(128);
    assertThat(lazy.toString()).isEqualTo("LazyLinear(in_features=0, out_features=128, bias=True)");
    lazy.forward(Tensor.zeros(2, 8));
    assertThat(lazy.toString()).isEqualTo("LazyLinear(in_features=8, out_features=128, bias=True)");
    assertWithinBound(lazy.bias().toFloatArray(), 1 / Math.sqrt(8));
  }

  @Test
  void activations() {
    Tensor x = Tensor.of(-2f, 0f, 3f);
    assertThat(ReLU.create().forward(x).toFloatArray()).isEqualTo(new float[] {0f, 0f, 3f});
    assertThat((double) Sigmoid.create().forward(x).get(1)).isWithin(1e-7).of(0.5);
    assertThat((double) Tanh.create().forward(x).get(2)).isWithin(1e-6).of(Math.tanh(3));
    Tensor softmax = Softmax.create(0).forward(x);
    assertThat((double) softmax.sum().item()).isWithin(1e-6).of(1.0);
    assertThat((double) LogSoftmax.create(0).forward(x).get(2))
        .isWithin(1e-5).of(Math.log(softmax.get(2)));
    assertThat(ReLU.create().toString()).isEqualTo("ReLU()");
    assertThat(Softmax.create(1).toString()).isEqualTo("Softmax(dim=1)");
  }

  @Test
  void flattenKeepsTheBatchDimension() {
    assertThat(Flatten.create().forward(Tensor.zeros(4, 1, 28, 28)).shape())
        .isEqualTo(new int[] {4, 784});
    assertThat(Flatten.create().toString()).isEqualTo("Flatten(start_dim=1, end_dim=-1)");
  }

  @Test
  void dropoutZeroesAndRescalesInTrainingOnly() {
    Dropout dropout = Dropout.create(0.25);
    Tensor x = Tensor.ones(100, 100).requiresGrad(true);
    Tensor y = dropout.forward(x);
    int zeros = 0;
    for (float v : y.toFloatArray()) {
      if (v == 0f) {
        zeros++;
      } else {
        assertThat((double) v).isWithin(1e-6).of(1 / 0.75);
      }
    }
    assertThat(zeros / 10000.0).isWithin(0.03).of(0.25);
    y.sum().backward();
    // The gradient is the mask: zero where dropped, 1/(1-p) where kept.
    assertThat(x.grad().toFloatArray()).isEqualTo(y.toFloatArray());

    dropout.eval();
    Tensor z = Tensor.ones(3, 3);
    assertThat(dropout.forward(z)).isSameInstanceAs(z);
    assertThat(dropout.toString()).isEqualTo("Dropout(p=0.25, inplace=False)");
    assertThrows(IllegalArgumentException.class, () -> Dropout.create(1.5));
  }

  @Test
  void everyBuiltInLayerIsRegisteredAndRebuilds() {
    for (String type : List.of("Linear", "LazyLinear", "ReLU", "Sigmoid", "Tanh", "Softmax",
        "LogSoftmax", "Flatten", "Dropout")) {
      assertThat(LayerRegistry.knownTypes()).contains("dev.lamina.nn." + type);
    }
    Module linear = Linear.create(3, 2, false);
    Module rebuilt = LayerRegistry.create(linear.typeName(), Map.of("inFeatures", 3.0,
        "outFeatures", 2.0, "useBias", false), Map.of());
    assertThat(rebuilt.toString()).isEqualTo(linear.toString());
  }

  @Test
  void summaryOfBuiltInLayersBeforeData() {
    Sequential net = new Sequential(Flatten.create(), Linear.create(784, 10), ReLU.create());
    assertThat(net.summary()).isEqualTo(""
        + "Layer (path)  Type                                                 Output shape  Param #\n"
        + "========================================================================================\n"
        + "0             Flatten(start_dim=1, end_dim=-1)                     ?             0\n"
        + "1             Linear(in_features=784, out_features=10, bias=True)  [..., 10]     7850\n"
        + "2             ReLU                                                 ?             0\n"
        + "========================================================================================\n"
        + "Total params: 7850\n"
        + "Trainable params: 7850\n"
        + "Non-trainable params: 0\n");
  }

  @Test
  void summaryForAnInputShapeShowsEveryShapeAndChangesNothingTrained() {
    Generator.manualSeed(3);
    BatchNorm2d norm = BatchNorm2d.create(8);
    Sequential net = new Sequential(Unflatten.create(1, 1, 28), Conv2d.create(1, 8, 5), norm,
        ReLU.create(), MaxPool2d.create(2), Flatten.create(), Dropout.create(0.5),
        Linear.create(1152, 10));
    net.train();
    net.get(6).eval();
    float[] weights = net.get(7).stateDict().get("weight").toFloatArray();
    Generator.manualSeed(11);

    String table = net.summary(64, 28, 28);
    float drawnAfter = Tensor.rand(1).item();

    assertThat(table).containsMatch("\\n0 +Unflatten\\(dim=1, unflattened_size=\\(1, 28\\)\\) +\\[64, 1, 28, 28\\]");
    assertThat(table).containsMatch("\\n1 +Conv2d\\(.*\\) +\\[64, 8, 24, 24\\] +208\\n");
    assertThat(table).containsMatch("\\n4 +MaxPool2d\\(.*\\) +\\[64, 8, 12, 12\\]");
    assertThat(table).containsMatch("\\n5 +Flatten\\(.*\\) +\\[64, 1152\\]");
    assertThat(table).containsMatch("\\n7 +Linear\\(.*\\) +\\[64, 10\\] +11530\\n");
    // Modes restored one by one; statistics, counter, weights untouched.
    assertThat(net.isTraining()).isTrue();
    assertThat(norm.isTraining()).isTrue();
    assertThat(net.get(6).isTraining()).isFalse();
    assertThat(norm.stateDict().get("running_mean").toFloatArray()).usingExactEquality()
        .containsExactly(new float[8]);
    assertThat(norm.stateDict().get("num_batches_tracked").longItem()).isEqualTo(0);
    assertThat(net.get(7).stateDict().get("weight").toFloatArray()).usingExactEquality()
        .containsExactly(weights).inOrder();
    Generator.manualSeed(11);
    assertThat(drawnAfter).isEqualTo(Tensor.rand(1).item());
  }

  @Test
  void summaryForAShapeTheModelCannotTakeNamesTheLayer() {
    Sequential net = new Sequential(Flatten.create(), Linear.create(784, 10));
    dev.lamina.LayerForwardException thrown = assertThrows(dev.lamina.LayerForwardException.class,
        () -> net.summary(2, 27, 27));
    assertThat(thrown).hasMessageThat().contains("Linear");
    assertThat(thrown).hasMessageThat().contains("729");
    assertThat(net.isTraining()).isTrue();
  }
}
