package dev.lamina;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Extreme and special values behave as in PyTorch (expected values by hand). */
class EdgeValuesTest {
  @Test
  void reluKeepsHugeValuesAndNaN() {
    float[] out = Tensor.of(Float.MAX_VALUE, -Float.MAX_VALUE, Float.NaN, -0f).relu().toFloatArray();
    assertThat(out[0]).isEqualTo(Float.MAX_VALUE);
    assertThat(out[1]).isEqualTo(0f);
    assertThat(out[2]).isNaN();
    assertThat(out[3]).isEqualTo(0f);
  }

  @Test
  void powerZeroHasZeroGradientEverywhere() {
    Tensor x = Tensor.of(0f, 2f).requiresGrad(true);
    Tensor y = x.pow(0);
    assertThat(y.toFloatArray()).usingExactEquality().containsExactly(1f, 1f).inOrder();
    y.sum().backward();
    assertThat(x.grad().toFloatArray()).usingExactEquality().containsExactly(0f, 0f).inOrder();
  }

  @Test
  void sigmoidAndTanhSaturateWithoutNaN() {
    float[] s = Tensor.of(-100f, 100f).sigmoid().toFloatArray();
    assertThat(s[0]).isWithin(7 * Float.MIN_VALUE).of((float) Math.exp(-100)); // a subnormal
    assertThat(s[1]).isEqualTo(1f);
    assertThat(Tensor.of(-100f, 100f).tanh().toFloatArray()).usingExactEquality()
        .containsExactly(-1f, 1f).inOrder();
  }

  @Test
  void softmaxOfHugeLogitsIsExact() {
    float[] p = Tensor.of(1e30f, 0f, -1e30f).softmax(0).toFloatArray();
    assertThat(p).usingExactEquality().containsExactly(1f, 0f, 0f).inOrder();
    float[] logP = Tensor.of(1000f, 1000f).logSoftmax(0).toFloatArray();
    assertThat(logP[0]).isWithin(1e-7f).of((float) -Math.log(2));
    assertThat(Tensor.of(Float.NEGATIVE_INFINITY, 0f).softmax(0).toFloatArray())
        .usingExactEquality().containsExactly(0f, 1f).inOrder();
  }

  @Test
  void maxPropagatesNaN() {
    assertThat(Tensor.of(1f, Float.NaN, 3f).max().item()).isNaN();
    assertThat(Tensor.of(1f, Float.NaN, 3f).argmax().item()).isEqualTo(1f);
  }

  @Test
  void maxAlongDimSendsGradientToTheMaximum() {
    Tensor x = Tensor.of(new float[][] {{1, 5, 2}, {7, 0, 3}}).requiresGrad(true);
    x.max(1, false).sum().backward();
    assertThat(x.grad().toFloatArray()).usingExactEquality()
        .containsExactly(0f, 1f, 0f, 1f, 0f, 0f).inOrder();
  }

  @Test
  void maxOfAllElementsSharesTheGradientAmongTiesAsPyTorch() {
    Tensor x = Tensor.of(new float[][] {{1, 3}, {3, 2}}).requiresGrad(true);
    x.max().mul(6f).backward();
    assertThat(x.grad().toFloatArray()).usingExactEquality()
        .containsExactly(0f, 3f, 3f, 0f).inOrder();

    Tensor y = Tensor.of(1f, 3f, 3f).requiresGrad(true);
    y.max(0, false).backward();
    assertThat(y.grad().toFloatArray()).usingExactEquality()
        .containsExactly(0f, 1f, 0f).inOrder();
  }

  @Test
  void emptyTensorsReduceAsInPyTorch() {
    assertThat(Tensor.zeros(0).sum().item()).isEqualTo(0f);
    assertThat(Tensor.zeros(0).mean().item()).isNaN();
    assertThat(Tensor.zeros(0, 3).sum(0, false).toFloatArray()).usingExactEquality()
        .containsExactly(0f, 0f, 0f);
    assertThat(Tensor.zeros(2, 0).matmul(Tensor.zeros(0, 3)).toFloatArray()).usingExactEquality()
        .containsExactly(0f, 0f, 0f, 0f, 0f, 0f);
    assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(0, 3).max(0, false));
  }

  @Test
  void sizeOfRankZeroTensorIsRefused() {
    assertThat(assertThrows(IndexOutOfBoundsException.class, () -> Tensor.scalar(1f).size(0)))
        .hasMessageThat()
        .isEqualTo("size: dimension 0 was requested but a rank-0 tensor has no dimensions");
  }
}
