package dev.lamina.optim;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.lamina.Tensor;
import dev.lamina.testing.Fixtures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Five steps of each optimizer on {@code sum(a * p^2 + b * p)} give the parameters PyTorch's
 * optimizer gave ({@code optim.json}), to 1e-5 relative; an extra parameter that never gets a
 * gradient is left unchanged.
 */
class OptimizersMatchTorchTest {
  private static final JsonObject FIXTURE = Fixtures.load("optim.json");
  private static final Map<String, Function<List<Tensor>, Optimizer>> OPTIMIZERS =
      new LinkedHashMap<>();

  static {
    OPTIMIZERS.put("sgd", ps -> new SGD(ps, 0.1));
    OPTIMIZERS.put("sgdMomentum", ps -> new SGD(ps, 0.1, 0.9));
    OPTIMIZERS.put("sgdDampeningWeightDecay", ps -> new SGD(ps, 0.05, 0.8, 0.1, 0.01, false));
    OPTIMIZERS.put("sgdNesterov", ps -> new SGD(ps, 0.05, 0.9, 0, 0.01, true));
    OPTIMIZERS.put("adam", ps -> new Adam(ps, 0.01));
    OPTIMIZERS.put("adamWeightDecay", ps -> new Adam(ps, 0.02, 0.8, 0.95, 1e-6, 0.1));
    OPTIMIZERS.put("adamw", ps -> new AdamW(ps, 0.01));
    OPTIMIZERS.put("adamwWeightDecay", ps -> new AdamW(ps, 0.02, 0.8, 0.95, 1e-6, 0.1));
  }

  @TestFactory
  Stream<DynamicTest> everyStepMatchesTorch() {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonElement run : FIXTURE.getAsJsonArray("runs")) {
      String name = run.getAsJsonObject().get("name").getAsString();
      tests.add(DynamicTest.dynamicTest(name, () -> checkRun(name, run.getAsJsonObject())));
    }
    assertThat(tests.stream().map(DynamicTest::getDisplayName).toList())
        .containsExactlyElementsIn(OPTIMIZERS.keySet());
    return tests.stream();
  }

  private static void checkRun(String name, JsonObject run) {
    List<Tensor> params = new ArrayList<>();
    for (Tensor initial : Fixtures.tensors(FIXTURE.getAsJsonArray("initial"))) {
      params.add(initial.requiresGrad(true));
    }
    Tensor unused = Fixtures.tensor(FIXTURE.get("unused")).requiresGrad(true);
    float[] unusedBefore = unused.toFloatArray();
    List<Tensor> all = new ArrayList<>(params);
    all.add(unused);
    Optimizer optimizer = OPTIMIZERS.get(name).apply(all);
    JsonArray coefficients = FIXTURE.getAsJsonArray("coefficients");
    JsonArray steps = run.getAsJsonArray("steps");
    for (int step = 0; step < steps.size(); step++) {
      optimizer.zeroGrad();
      Tensor loss = Tensor.scalar(0f);
      for (int i = 0; i < params.size(); i++) {
        Tensor a = Fixtures.tensor(coefficients.get(i).getAsJsonArray().get(0));
        Tensor b = Fixtures.tensor(coefficients.get(i).getAsJsonArray().get(1));
        Tensor p = params.get(i);
        loss = loss.add(a.mul(p.pow(2)).add(b.mul(p)).sum());
      }
      loss.backward();
      optimizer.step();
      Tensor[] expected = Fixtures.tensors(steps.get(step).getAsJsonArray());
      for (int i = 0; i < params.size(); i++) {
        assertClose(name + " step " + (step + 1) + " parameter " + i, params.get(i), expected[i]);
      }
    }
    assertThat(unused.toFloatArray()).isEqualTo(unusedBefore);
    assertThat(unused.grad()).isNull();
  }

  /**
   * Relative 1e-5, with an absolute floor of 1e-6: parameters that cancel towards zero keep the
   * rounding error of their earlier, larger values (PyTorch's kernels may also fuse multiply-adds).
   */
  private static void assertClose(String what, Tensor actual, Tensor expected) {
    float[] a = actual.toFloatArray();
    float[] e = expected.toFloatArray();
    for (int k = 0; k < e.length; k++) {
      assertWithMessage("%s at %s: Lamina %s, PyTorch %s", what, k, a[k], e[k])
          .that((double) Math.abs(a[k] - e[k])).isAtMost(1e-5 * Math.max(Math.abs(e[k]), 1e-1));
    }
  }

  @Test
  void stepUpdatesInPlaceOutsideTheGraph() {
    Tensor p = Tensor.of(1f, 2f).requiresGrad(true);
    float[] storage = p.storage();
    p.mul(p).sum().backward();
    new SGD(List.of(p), 0.25).step();
    // p - 0.25 * 2p = p / 2
    assertThat(p.toFloatArray()).usingExactEquality().containsExactly(0.5f, 1f).inOrder();
    assertThat(p.storage()).isSameInstanceAs(storage);
    assertThat(p.isLeaf()).isTrue();
    assertThat(p.requiresGrad()).isTrue();
  }

  @Test
  void viewsIntoTheirStorageStepAsParametersOfTheirOwn() {
    // A parameter that starts further into its storage, and one that is strided (a transpose),
    // against the same values as parameters of their own, over three steps of each optimizer.
    List<Function<List<Tensor>, Optimizer>> optimizers = List.of(
        ps -> new SGD(ps, 0.1), ps -> new SGD(ps, 0.1, 0.9), ps -> new Adam(ps, 0.05));
    for (Function<List<Tensor>, Optimizer> make : optimizers) {
      float[] start = {0.5f, -1.5f, 2f, 0.25f, 1f, -0.75f, 3f, 0.125f};
      Tensor offsetView = Tensor.of(start, 2, 4).slice(0, 1, 2).detach().requiresGrad(true);
      Tensor stridedView = Tensor.of(start, 2, 4).t().detach().requiresGrad(true);
      Tensor ownOffset = Tensor.of(offsetView.toFloatArray(), 1, 4).requiresGrad(true);
      Tensor ownStrided = Tensor.of(stridedView.toFloatArray(), 4, 2).requiresGrad(true);
      assertThat(offsetView.storageOffset()).isEqualTo(4);
      assertThat(stridedView.isContiguous()).isFalse();
      Optimizer views = make.apply(List.of(offsetView, stridedView));
      Optimizer own = make.apply(List.of(ownOffset, ownStrided));
      for (int step = 0; step < 3; step++) {
        for (Optimizer optimizer : List.of(views, own)) {
          List<Tensor> p = optimizer.parameters();
          optimizer.zeroGrad();
          p.get(0).mul(p.get(0)).sum().add(p.get(1).mul(p.get(1)).mul(0.5f).sum()).backward();
          optimizer.step();
        }
      }
      assertThat(offsetView.toFloatArray()).usingExactEquality()
          .containsExactly(ownOffset.toFloatArray()).inOrder();
      assertThat(stridedView.toFloatArray()).usingExactEquality()
          .containsExactly(ownStrided.toFloatArray()).inOrder();
      assertThat(offsetView.toFloatArray()[0]).isLessThan(1f); // it moved towards the minimum
    }
  }

  @Test
  void zeroGradClearsEveryGradient() {
    Tensor p = Tensor.of(1f).requiresGrad(true);
    Tensor q = Tensor.of(1f, 2f).requiresGrad(true);
    p.add(q).sum().backward();
    Optimizer optimizer = new Adam(List.of(p, q), 0.1);
    optimizer.zeroGrad();
    assertThat(p.grad()).isNull();
    assertThat(q.grad()).isNull();
    assertThat(optimizer.parameters()).containsExactly(p, q).inOrder();
  }

  @Test
  void badHyperparametersAreRefused() {
    List<Tensor> ps = List.of(Tensor.of(1f).requiresGrad(true));
    assertThat(assertThrows(IllegalArgumentException.class, () -> new SGD(ps, -0.1)))
        .hasMessageThat().isEqualTo("SGD: lr must be non-negative, got -0.1");
    assertThat(assertThrows(IllegalArgumentException.class,
            () -> new SGD(ps, 0.1, 0, 0, 0, true)))
        .hasMessageThat().contains("Nesterov momentum needs momentum > 0 and dampening 0");
    assertThat(assertThrows(IllegalArgumentException.class,
            () -> new Adam(ps, 0.1, 1.0, 0.999, 1e-8, 0)))
        .hasMessageThat().isEqualTo("Adam: betas must be in [0, 1), got (1.0, 0.999)");
    assertThat(assertThrows(IllegalArgumentException.class,
            () -> new AdamW(ps, 0.1, 0.9, 0.999, 1e-8, -1)))
        .hasMessageThat().isEqualTo("AdamW: weightDecay must be non-negative, got -1.0");
  }
}
