package dev.lamina;

import static com.google.common.truth.Truth.assertThat;

import dev.lamina.nn.Linear;
import dev.lamina.nn.ReLU;
import dev.lamina.shape.ShapeMismatchException;
import org.junit.jupiter.api.Test;

/** A Linear followed by a ReLU in a Sequential runs fused, with the results of running them apart. */
class SequentialFusionTest {
  @Test
  void fusedPairComputesWhatTheLayersComputeOneAfterTheOther() {
    Generator.manualSeed(5);
    Linear linear = Linear.create(30, 20);
    ReLU relu = ReLU.create();
    Sequential net = new Sequential(linear, relu);
    Tensor x = Tensor.randn(new Generator(6), 40, 30);

    Tensor fused = net.forward(x);
    fused.sum().backward();
    float[] fusedWeightGrad = linear.weight().grad().toFloatArray();
    float[] fusedBiasGrad = linear.bias().grad().toFloatArray();
    net.zeroGrad();

    Tensor apart = relu.forward(linear.forward(x));
    apart.sum().backward();

    assertThat(fused.gradFn().name()).isEqualTo("ReluBackward0");
    assertThat(fused.toFloatArray()).usingExactEquality().containsExactly(apart.toFloatArray())
        .inOrder();
    assertThat(fusedWeightGrad).usingTolerance(1e-5)
        .containsExactly(linear.weight().grad().toFloatArray()).inOrder();
    assertThat(fusedBiasGrad).usingTolerance(1e-5)
        .containsExactly(linear.bias().grad().toFloatArray()).inOrder();
  }

  @Test
  void fusedPairStillChecksTheLinearInput() {
    Sequential net = new Sequential(Linear.create(5, 3), ReLU.create());
    ShapeMismatchException e =
        org.junit.jupiter.api.Assertions.assertThrows(ShapeMismatchException.class,
            () -> net.forward(Tensor.zeros(2, 4)));
    assertThat(e).hasMessageThat()
        .isEqualTo("0 (Linear).forward: x has shape [2, 4], expected [..., inFeatures=5]");
  }
}
