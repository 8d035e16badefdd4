package dev.lamina;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The generic call on a list of inputs, and Sequential's refusal of layers taking several. */
class ModuleInputsTest {
  /** A hand-written two-input module, as a generated one with forward(x, h) behaves. */
  static final class Sum extends Module {
    @Override
    public Tensor forward(Tensor x) {
      throw new IllegalArgumentException("Sum.forward takes 2 inputs");
    }

    @Override
    public int inputCount() {
      return 2;
    }

    @Override
    public Tensor forwardAll(List<Tensor> inputs) {
      checkInputCount(inputs);
      return inputs.get(0).add(inputs.get(1));
    }
  }

  static final class Identity extends Module {
    @Override
    public Tensor forward(Tensor x) {
      return x;
    }
  }

  @Test
  void oneInputModuleTakesAListOfOne() {
    Tensor x = Tensor.ones(2, 3);
    assertThat(new Identity().inputCount()).isEqualTo(1);
    assertThat(new Identity().forwardAll(List.of(x))).isSameInstanceAs(x);
  }

  @Test
  void wrongNumberOfInputsNamesTheLayerAndBothCounts() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Sum().forwardAll(List.of(Tensor.ones(2))));
    assertThat(e).hasMessageThat().isEqualTo("Sum.forward takes 2 inputs, but was given 1");
  }

  @Test
  void sequentialRefusesALayerWithSeveralInputsNamingItsPosition() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Sequential(new Identity(), new Sum()));
    assertThat(e).hasMessageThat().isEqualTo("Sequential: layer 1 (Sum) takes 2 inputs, but a"
        + " Sequential passes each layer one tensor");
  }
}
