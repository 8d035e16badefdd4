package dev.lamina.loss;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.lamina.Tensor;
import dev.lamina.annotations.DType;
import dev.lamina.testing.Fixtures;
import dev.lamina.testing.GradCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** {@link Losses} against {@code F.mse_loss} and {@code F.cross_entropy} ({@code optim.json}). */
class LossesMatchTorchTest {
  @TestFactory
  Stream<DynamicTest> valuesAndGradientsMatchTorch() {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonElement element : Fixtures.load("optim.json").getAsJsonArray("losses")) {
      JsonObject c = element.getAsJsonObject();
      String name = c.get("name").getAsString();
      tests.add(DynamicTest.dynamicTest(name, () -> {
        Tensor prediction = Fixtures.tensor(c.get("prediction")).requiresGrad(true);
        Tensor target = Fixtures.tensor(c.get("target"));
        Tensor loss = name.startsWith("mse")
            ? Losses.mseLoss(prediction, target)
            : Losses.crossEntropy(prediction, target.to(DType.INT64));
        double expected = c.get("value").getAsDouble();
        assertWithMessage("%s value", name).that((double) loss.item())
            .isWithin(1e-6 * Math.max(1, Math.abs(expected))).of(expected);
        loss.backward();
        GradCheck.assertClose(name + " gradient", prediction.grad(), Fixtures.tensor(c.get("grad")));
      }));
    }
    return tests.stream();
  }

  @Test
  void crossEntropyGradientMatchesFiniteDifferences() {
    Tensor logits = Tensor.of(new float[][] {{0.5f, -1f, 2f}, {1f, 0.2f, -0.3f}});
    int[] labels = {2, 0};
    GradCheck.check("crossEntropy", x -> Losses.crossEntropy(x[0], labels), logits);
    GradCheck.check("mseLoss", x -> Losses.mseLoss(x[0], x[1]), logits,
        Tensor.of(new float[][] {{1, 2, 3}, {-1, 0, 1}}));
  }

  @Test
  void crossEntropyOfUniformLogitsIsLogOfClassCount() {
    Tensor loss = Losses.crossEntropy(Tensor.zeros(3, 4), new int[] {0, 1, 3});
    assertThat(loss.item()).isWithin(1e-6f).of((float) Math.log(4));
  }

  @Test
  void crossEntropyIsFiniteForHugeLogits() {
    Tensor logits = Tensor.of(new float[][] {{1e4f, -1e4f}, {-1e4f, 1e4f}});
    assertThat(Losses.crossEntropy(logits, new int[] {0, 0}).item()).isEqualTo(1e4f);
  }

  @Test
  void badLabelsAndShapesAreRefused() {
    Tensor logits = Tensor.zeros(2, 3);
    assertThat(assertThrows(IllegalArgumentException.class,
            () -> Losses.crossEntropy(logits, new int[] {0, 3})))
        .hasMessageThat().isEqualTo("crossEntropy: label 3 at position 1 is out of range for 3 classes");
    assertThat(assertThrows(IllegalArgumentException.class,
            () -> Losses.crossEntropy(logits, new int[] {0})))
        .hasMessageThat().contains("1 labels for logits of shape [2, 3]");
    assertThat(assertThrows(IllegalArgumentException.class,
            () -> Losses.crossEntropy(logits, Tensor.of(0f, 1.5f))))
        .hasMessageThat().isEqualTo("crossEntropy: target must hold int64 class indices, got"
            + " float32 [2]; convert it with to(DType.INT64)");
    assertThat(assertThrows(IllegalArgumentException.class,
            () -> Losses.crossEntropy(Tensor.zeros(3), new int[] {0})))
        .hasMessageThat().contains("logits must have shape [n, classes], got [3]");
    assertThat(assertThrows(IllegalArgumentException.class,
            () -> Losses.mseLoss(Tensor.zeros(2, 3), Tensor.zeros(3))))
        .hasMessageThat().isEqualTo("mseLoss: prediction has shape [2, 3] but target has shape [3]");
  }
}
