package dev.lamina.chapter;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.Module;
import dev.lamina.Sequential;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Shape;
import dev.lamina.shape.ShapeMismatchException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A forward that returns a record of tensors: each component checked, untyped calls refused. */
class RecordOutputTest {
  /** Returns its two inputs, the second cut to {@code width} columns: wrong unless width is 3. */
  @Layer
  abstract static class Pair extends Module {
    final int width;

    record Both(@Shape({"batch", "3"}) Tensor first,
        @Shape(value = {"batch", "3"}, optional = true) Tensor second, Tensor unchecked) {}

    Pair(int width) {
      this.width = width;
    }

    public Both forward(@Shape({"batch", "3"}) Tensor a, @Shape({"batch", "3"}) Tensor b) {
      return new Both(a, width == 0 ? null : b.slice(1, 0, width), Tensor.zeros(7));
    }
  }

  @Test
  void lstmCellReturnsBothStatesWithTheirDeclaredShapes() {
    LstmCell cell = LstmCell.create(4);
    LstmCell.State state = cell.forward(Tensor.rand(2, 5), Tensor.zeros(2, 4), Tensor.zeros(2, 4));
    assertThat(state.h().shape()).asList().containsExactly(2, 4).inOrder();
    assertThat(state.c().shape()).asList().containsExactly(2, 4).inOrder();
    assertThat(cell.namedParameters().get("weight_ih").shape()).asList()
        .containsExactly(16, 5).inOrder();
  }

  @Test
  void aComponentOfTheWrongShapeFailsNamingIt() {
    Pair pair = new Lamina_RecordOutputTest_Pair(2);
    ShapeMismatchException error = assertThrows(ShapeMismatchException.class,
        () -> pair.forward(Tensor.zeros(4, 3), Tensor.zeros(4, 3)));
    assertThat(error).hasMessageThat()
        .isEqualTo("Pair.forward: output.second has shape [4, 2], expected [batch=4, 3]");
  }

  @Test
  void componentsOfTheRightShapePassAndOneWithoutShapeIsNotChecked() {
    Pair.Both both = new Lamina_RecordOutputTest_Pair(3)
        .forward(Tensor.zeros(4, 3), Tensor.zeros(4, 3));
    assertThat(both.unchecked().shape()).asList().containsExactly(7);
  }

  @Test
  void anOptionalComponentMayBeNull() {
    Pair.Both both = new Lamina_RecordOutputTest_Pair(0)
        .forward(Tensor.zeros(4, 3), Tensor.zeros(4, 3));
    assertThat(both.second()).isNull();
  }

  @Test
  void theUntypedCallsAreRefusedWithTheTypedOne() {
    Module cell = LstmCell.create(4);
    UnsupportedOperationException one = assertThrows(UnsupportedOperationException.class,
        () -> cell.forward(Tensor.zeros(2, 5)));
    assertThat(one).hasMessageThat().isEqualTo(
        "LstmCell.forward returns a State, not a Tensor: call forward(x, h, c)");
    UnsupportedOperationException all = assertThrows(UnsupportedOperationException.class,
        () -> cell.forwardAll(List.of(Tensor.zeros(2, 5), Tensor.zeros(2, 4), Tensor.zeros(2, 4))));
    assertThat(all).hasMessageThat().isEqualTo(one.getMessage());
    assertThat(cell.inputCount()).isEqualTo(3);
  }

  @Test
  void aSequentialRefusesIt() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> new Sequential(LstmCell.create(4)));
    assertThat(error).hasMessageThat().contains("takes 3 inputs");
  }
}
