package dev.lamina;

import static com.google.common.truth.Truth.assertThat;

import dev.lamina.testing.GradCheck;
import org.junit.jupiter.api.Test;

/** Gradients that ops write straight into a leaf's buffer behave like accumulated ones. */
class LeafGradientTest {
  private static final Generator RANDOM = new Generator(3);

  @Test
  void weightGradientAccumulatesAcrossBackwardCalls() {
    Tensor x = Tensor.randn(RANDOM, 70, 9);
    Tensor w = Tensor.randn(RANDOM, 9, 11).requiresGrad(true);
    x.matmul(w).sum().backward();
    float[] once = w.grad().toFloatArray();
    x.matmul(w).sum().backward();
    float[] twice = w.grad().toFloatArray();
    float[] expected = x.t().matmul(Tensor.ones(70, 11)).toFloatArray();
    for (int i = 0; i < once.length; i++) {
      assertThat(once[i]).isWithin(1e-4f).of(expected[i]);
      assertThat(twice[i]).isWithin(2e-4f).of(2 * expected[i]);
    }
  }

  @Test
  void clearedGradientIsNullAndTheNextBackwardOverwritesIt() {
    Tensor x = Tensor.randn(RANDOM, 70, 9);
    Tensor w = Tensor.randn(RANDOM, 9, 11).requiresGrad(true);
    x.matmul(w).sum().backward();
    float[] first = w.grad().toFloatArray();
    w.setGrad(null);
    assertThat(w.grad()).isNull();
    x.matmul(w).sum().backward();
    assertThat(w.grad().toFloatArray()).usingTolerance(1e-5).containsExactly(first).inOrder();
  }

  @Test
  void sameLeafOnBothSidesGetsBothContributions() {
    Tensor m = Tensor.randn(RANDOM, 20, 20);
    GradCheck.check("m·m", in -> in[0].matmul(in[0]), m);
  }

  @Test
  void leafUsedThroughAMatMulAndElsewhereSumsBothPaths() {
    Tensor x = Tensor.randn(RANDOM, 40, 12);
    Tensor w = Tensor.randn(RANDOM, 12, 12);
    GradCheck.check("x·w + w·w·3", in -> in[1].matmul(in[0]).sum(0, false).add(in[0].mul(3f).sum(0, false)), w, x);
  }
}
