package dev.lamina.chapter;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.Generator;
import dev.lamina.Module;
import dev.lamina.Sequential;
import dev.lamina.Tensor;
import dev.lamina.nn.LazyLinear;
import dev.lamina.registry.LayerRegistry;
import dev.lamina.shape.ShapeMismatchException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The chapter's layers, written with {@code @Layer}, run through their generated code. */
class ChapterLayersTest {
  @Test
  void myLinearWeightIsAReadyNormalTensor() {
    MyLinear linear = MyLinear.create(5, 3);
    assertThat(linear.weight.shape()).isEqualTo(new int[] {5, 3});
    assertThat(linear.bias.shape()).isEqualTo(new int[] {3});
    assertThat(linear.weight.requiresGrad()).isTrue();

    float[] values = MyLinear.create(200, 100).weight.toFloatArray();
    double mean = 0;
    for (float v : values) {
      mean += v;
    }
    mean /= values.length;
    double variance = 0;
    for (float v : values) {
      variance += (v - mean) * (v - mean);
    }
    variance /= values.length;
    assertThat(mean).isWithin(0.03).of(0.0);
    assertThat(Math.sqrt(variance)).isWithin(0.03).of(1.0);
  }

  @Test
  void forwardIsReluOfXTimesWPlusB() {
    MyLinear linear = MyLinear.create(5, 3);
    Tensor x = Tensor.randn(new Generator(3), 2, 5);
    Tensor y = linear.forward(x);
    assertThat(y.shape()).isEqualTo(new int[] {2, 3});
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        double sum = linear.bias.get(j);
        for (int k = 0; k < 5; k++) {
          sum += x.get(i, k) * linear.weight.get(k, j);
        }
        assertThat((double) y.get(i, j)).isWithin(1e-5).of(Math.max(sum, 0.0));
      }
    }
  }

  @Test
  void sequentialNamesParametersAsPyTorch() {
    Sequential net = new Sequential(MyLinear.create(64, 8), MyLinear.create(8, 1));
    assertThat(net.namedParameters().keySet())
        .containsExactly("0.weight", "0.bias", "1.weight", "1.bias").inOrder();
    assertThat(net.forward(Tensor.rand(2, 64)).shape()).isEqualTo(new int[] {2, 1});
  }

  @Test
  void lazyLinearInfersItsInputSizeAndCenteredLayerCenters() {
    LazyLinear lazy = LazyLinear.create(128);
    Sequential net = new Sequential(lazy, new CenteredLayer());
    assertThat(lazy.weight()).isNull();
    assertThat(net.namedParameters()).isEmpty();

    Tensor y = net.forward(Tensor.rand(4, 8));

    assertThat(lazy.weight().shape()).isEqualTo(new int[] {128, 8});
    assertThat(net.namedParameters().keySet()).containsExactly("0.weight", "0.bias").inOrder();
    assertThat((double) y.mean().item()).isWithin(1e-6).of(0.0);
  }

  @Test
  void wrongInputShapeNamesLayerArgumentAndBindings() {
    MyLinear linear = MyLinear.create(5, 3);
    ShapeMismatchException error =
        assertThrows(ShapeMismatchException.class, () -> linear.forward(Tensor.zeros(2, 4)));
    assertThat(error).hasMessageThat()
        .isEqualTo("MyLinear.forward: x has shape [2, 4], expected [batch, inUnits=5]");
  }

  @Test
  void wrongRankIsReportedTheSameWay() {
    MyLinear linear = MyLinear.create(5, 3);
    ShapeMismatchException error =
        assertThrows(ShapeMismatchException.class, () -> linear.forward(Tensor.zeros(5)));
    assertThat(error).hasMessageThat()
        .isEqualTo("MyLinear.forward: x has shape [5], expected [batch, inUnits=5]");
  }

  @Test
  void inferredSizeIsFixedByTheFirstCall() {
    MyLazyLinear layer = MyLazyLinear.create(3);
    layer.forward(Tensor.zeros(4, 8));
    ShapeMismatchException error =
        assertThrows(ShapeMismatchException.class, () -> layer.forward(Tensor.zeros(4, 10)));
    assertThat(error).hasMessageThat()
        .isEqualTo("MyLazyLinear.forward: x has shape [4, 10], expected [batch, in=8]");
  }

  @Test
  void lazyAllocationHappensOnceUnderConcurrentFirstCalls() throws Exception {
    MyLazyLinear layer = MyLazyLinear.create(16);
    Tensor x = Tensor.rand(new Generator(5), 2, 6);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Tensor>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(() -> layer.forward(x));
      }
      List<Future<Tensor>> results = pool.invokeAll(calls);
      float[] first = results.get(0).get().toFloatArray();
      for (Future<Tensor> result : results) {
        assertThat(result.get().toFloatArray()).isEqualTo(first);
      }
    } finally {
      pool.shutdown();
    }
    assertThat(layer.namedParameters().keySet()).containsExactly("weight", "bias").inOrder();
    assertThat(layer.weight.shape()).isEqualTo(new int[] {16, 6});
  }

  @Test
  void tensorReductionInfersInTimesIn() {
    TensorReduction layer = TensorReduction.create(2);
    Tensor x = Tensor.rand(new Generator(9), 3, 4);
    Tensor y = layer.forward(x);
    assertThat(layer.weight.shape()).isEqualTo(new int[] {16, 2});
    for (int b = 0; b < 3; b++) {
      for (int k = 0; k < 2; k++) {
        double sum = 0;
        for (int i = 0; i < 4; i++) {
          for (int j = 0; j < 4; j++) {
            sum += layer.weight.get(i * 4 + j, k) * x.get(b, i) * x.get(b, j);
          }
        }
        assertThat((double) y.get(b, k)).isWithin(1e-4).of(sum);
      }
    }
  }

  @Test
  void halfFourierChecksItsDeclaredOutputShape() {
    float[] wave = new float[8];
    for (int t = 0; t < 8; t++) {
      wave[t] = (float) Math.cos(2 * Math.PI * t / 8);
    }
    Tensor y = HalfFourier.create().forward(Tensor.of(wave, 1, 8));
    assertThat(y.shape()).isEqualTo(new int[] {1, 4, 2});
    // cos(2 pi t / 8) has all its energy at frequency 1: X[1] = n/2.
    assertThat((double) y.get(0, 1, 0)).isWithin(1e-4).of(4.0);
    assertThat((double) y.get(0, 0, 0)).isWithin(1e-4).of(0.0);
    assertThat((double) y.get(0, 2, 0)).isWithin(1e-4).of(0.0);
  }

  @Test
  void parametersDoNotDependOnWhatWasBuiltBefore() {
    Generator.manualSeed(7);
    float[] alone = MyLinear.create(5, 3).weight.toFloatArray();
    Generator.manualSeed(7);
    MyLazyLinear.create(4).forward(Tensor.zeros(1, 2));
    Residual.create(MyLinear.create(2, 2));
    float[] afterOthers = MyLinear.create(5, 3).weight.toFloatArray();
    // The second MyLinear of this seed differs from the first, but not because of other layers.
    Generator.manualSeed(7);
    MyLinear.create(5, 3);
    float[] second = MyLinear.create(5, 3).weight.toFloatArray();
    assertThat(afterOthers).isEqualTo(second);
    assertThat(afterOthers).isNotEqualTo(alone);
  }

  @Test
  void registryRebuildsFromAJsonShapedConfig() {
    Module rebuilt = LayerRegistry.create("dev.lamina.chapter.MyLinear",
        Map.of("inUnits", 5.0, "units", 3L), Map.of());
    assertThat(rebuilt).isInstanceOf(MyLinear.class);
    assertThat(rebuilt.config()).containsExactly("inUnits", 5, "units", 3).inOrder();
    assertThat(((MyLinear) rebuilt).weight.shape()).isEqualTo(new int[] {5, 3});

    MyLinear body = MyLinear.create(2, 2);
    Module residual = LayerRegistry.create("dev.lamina.chapter.Residual", Map.of(),
        Map.of("body", body));
    assertThat(residual.children()).containsExactly("body", body);
    assertThat(residual.namedParameters().keySet())
        .containsExactly("scale", "body.weight", "body.bias").inOrder();
  }

  @Test
  void registryNamesTheMissingEntry() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> LayerRegistry.create("dev.lamina.chapter.MyLinear", Map.of("units", 3), Map.of()));
    assertThat(error).hasMessageThat().contains("\"inUnits\" is missing");
  }

  @Test
  void printsAsPyTorchDoes() {
    Sequential net = new Sequential(MyLinear.create(64, 8), MyLinear.create(8, 1));
    assertThat(net.toString()).isEqualTo("Sequential(\n"
        + "  (0): MyLinear(inUnits=64, units=8)\n"
        + "  (1): MyLinear(inUnits=8, units=1)\n"
        + ")");
  }

  @Test
  void summaryBeforeAndAfterData() {
    Sequential net = new Sequential(MyLazyLinear.create(8), TensorReduction.create(3));
    assertThat(net.summary()).isEqualTo(""
        + "Layer (path)  Type                   Output shape  Param #\n"
        + "==========================================================\n"
        + "0             MyLazyLinear(units=8)  [batch, 8]    ?\n"
        + "1             TensorReduction(k=3)   [batch, 3]    ?\n"
        + "==========================================================\n"
        + "Total params: 0 + ? (inferred on the first call)\n"
        + "Trainable params: 0 + ? (inferred on the first call)\n"
        + "Non-trainable params: 0\n");

    net.forward(Tensor.zeros(4, 5));
    String after = net.summary();
    assertThat(after).contains("0             MyLazyLinear(units=8)  [4, 8]        48");
    assertThat(after).contains("1             TensorReduction(k=3)   [4, 3]        192");
    assertThat(after).contains("Total params: 240\n");
  }

  @Test
  void sizeUsedOnlyInArithmeticIsCheckedOnLaterCalls() {
    PairwiseProducts layer = PairwiseProducts.create(2);
    assertThat(layer.forward(Tensor.zeros(2, 3)).shape()).isEqualTo(new int[] {2, 2});
    assertThat(layer.weight.shape()).isEqualTo(new int[] {9, 2});
    ShapeMismatchException error =
        assertThrows(ShapeMismatchException.class, () -> layer.forward(Tensor.zeros(2, 4)));
    assertThat(error).hasMessageThat()
        .isEqualTo("PairwiseProducts.forward: x has shape [2, 4], expected [batch, in=3]");
    assertThat(layer.forward(Tensor.zeros(5, 3)).shape()).isEqualTo(new int[] {5, 2});
  }

  @Test
  void sizeUsedOnlyInArithmeticIsStillCheckedAfterALoad() {
    PairwiseProducts trained = PairwiseProducts.create(2);
    trained.forward(Tensor.zeros(1, 3));
    PairwiseProducts loaded = PairwiseProducts.create(2);
    loaded.forward(Tensor.zeros(1, 3));
    loaded.loadStateDict(trained.stateDict());
    assertThat(loaded.forward(Tensor.zeros(2, 3)).shape()).isEqualTo(new int[] {2, 2});
    ShapeMismatchException error =
        assertThrows(ShapeMismatchException.class, () -> loaded.forward(Tensor.zeros(2, 4)));
    assertThat(error).hasMessageThat()
        .isEqualTo("PairwiseProducts.forward: x has shape [2, 4], expected [batch, in=3]");
  }
}
