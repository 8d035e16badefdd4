package dev.lamina.nn;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.Sequential;
import dev.lamina.Tensor;
import dev.lamina.shape.ShapeMismatchException;
import org.junit.jupiter.api.Test;

/** The fused Linear+ReLU path runs the generated checks of Linear.forward, not a copy of them. */
class FusedPathChecksTest {
  /** The message of Linear's checks inside a Sequential that does not fuse it with its neighbour. */
  private static String forwardMessage(Tensor input) {
    Sequential unfused = new Sequential(Linear.create(5, 3), Sigmoid.create());
    return assertThrows(ShapeMismatchException.class, () -> unfused.forward(input)).getMessage();
  }

  private static String fusedMessage(Tensor input) {
    Sequential fused = new Sequential(Linear.create(5, 3), ReLU.create());
    return assertThrows(ShapeMismatchException.class, () -> fused.forward(input)).getMessage();
  }

  @Test
  void aWrongInputGetsTheSameMessageThroughEitherPath() {
    Tensor wrong = Tensor.zeros(2, 4);
    assertThat(fusedMessage(wrong)).isEqualTo(forwardMessage(wrong));
    assertThat(fusedMessage(wrong))
        .isEqualTo("0 (Linear).forward: x has shape [2, 4], expected [..., inFeatures=5]");
  }

  @Test
  void aWrongRankIsCaughtOnBothPathsToo() {
    Tensor scalarLike = Tensor.zeros(1).reshape();
    assertThat(fusedMessage(scalarLike)).isEqualTo(forwardMessage(scalarLike));
  }

  @Test
  void theFusedPathStillComputesTheLayersOneAfterTheOther() {
    Linear linear = Linear.create(5, 3);
    Sequential fused = new Sequential(linear, ReLU.create());
    Tensor input = Tensor.ones(2, 5);
    assertThat(fused.forward(input).toFloatArray()).usingExactEquality()
        .containsExactly(linear.forward(input).relu().toFloatArray()).inOrder();
  }
}
