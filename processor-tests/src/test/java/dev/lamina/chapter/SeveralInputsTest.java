package dev.lamina.chapter;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.LayerForwardException;
import dev.lamina.Sequential;
import dev.lamina.Tensor;
import dev.lamina.shape.ShapeMismatchException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Layers whose forward takes several tensors, run through their generated classes. */
class SeveralInputsTest {
  @Test
  void namesBoundByOneInputAreCheckedInTheOthers() {
    GruCell cell = GruCell.create(7);
    ShapeMismatchException error = assertThrows(ShapeMismatchException.class,
        () -> cell.forward(Tensor.zeros(3, 5), Tensor.zeros(4, 7)));
    assertThat(error).hasMessageThat()
        .isEqualTo("GruCell.forward: h has shape [4, 7], expected [batch=3, hidden=7]");
  }

  @Test
  void inferredNameOfOneInputAllocatesTheParameters() {
    GruCell cell = GruCell.create(4);
    assertThat(cell.weightIh).isNull();
    Tensor gates = cell.forward(Tensor.ones(2, 5), Tensor.ones(2, 4));
    assertThat(cell.weightIh.shape()).asList().containsExactly(12, 5).inOrder();
    assertThat(cell.weightHh.shape()).asList().containsExactly(12, 4).inOrder();
    assertThat(gates.shape()).asList().containsExactly(2, 12).inOrder();
  }

  @Test
  void allocatedParametersFixTheInferredName() {
    GruCell cell = GruCell.create(4);
    cell.forward(Tensor.ones(2, 5), Tensor.ones(2, 4));
    ShapeMismatchException error = assertThrows(ShapeMismatchException.class,
        () -> cell.forward(Tensor.ones(2, 6), Tensor.ones(2, 4)));
    assertThat(error).hasMessageThat()
        .isEqualTo("GruCell.forward: x has shape [2, 6], expected [batch, in=5]");
  }

  @Test
  void nullForAnInputThatIsNotOptionalNamesTheLayerAndTheArgument() {
    GruCell cell = GruCell.create(4);
    LayerForwardException error = assertThrows(LayerForwardException.class,
        () -> cell.forward(Tensor.ones(2, 5), null));
    assertThat(error).hasMessageThat().isEqualTo("GruCell.forward: h must not be null, because"
        + " it is not @Shape(optional = true)");
    assertThat(error).hasCauseThat().isInstanceOf(NullPointerException.class);
  }

  @Test
  void optionalInputIsSkippedWhenNullAndCheckedWhenGiven() {
    MaskedScale layer = MaskedScale.create(3);
    Tensor x = Tensor.ones(2, 3);
    assertThat(layer.forward(x, null).toFloatArray()).usingExactEquality()
        .containsExactly(1f, 1f, 1f, 1f, 1f, 1f).inOrder();
    ShapeMismatchException error = assertThrows(ShapeMismatchException.class,
        () -> layer.forward(x, Tensor.ones(2, 4)));
    assertThat(error).hasMessageThat()
        .isEqualTo("MaskedScale.forward: mask has shape [2, 4], expected [batch=2, features=3]");
  }

  @Test
  void genericCallDispatchesOnTheInputCount() {
    GruCell cell = GruCell.create(4);
    assertThat(cell.inputCount()).isEqualTo(2);
    Tensor gates = cell.forwardAll(List.of(Tensor.ones(2, 5), Tensor.ones(2, 4)));
    assertThat(gates.shape()).asList().containsExactly(2, 12).inOrder();
    assertThat(MaskedScale.create(3).forwardAll(Arrays.asList(Tensor.ones(1, 3), null)).shape())
        .asList().containsExactly(1, 3).inOrder();
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> cell.forwardAll(List.of(Tensor.ones(2, 5))));
    assertThat(error).hasMessageThat().isEqualTo("GruCell.forward takes 2 inputs, but was given 1");
  }

  @Test
  void oneTensorForwardIsRefusedWithTheArgumentNames() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> GruCell.create(4).forward(Tensor.ones(2, 5)));
    assertThat(error).hasMessageThat()
        .isEqualTo("GruCell.forward takes 2 inputs (x, h), but was given 1");
  }

  @Test
  void sequentialRefusesALayerWithSeveralInputs() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> new Sequential(MyLinear.create(5, 4), GruCell.create(4)));
    assertThat(error).hasMessageThat().isEqualTo("Sequential: layer 1 (GruCell) takes 2 inputs,"
        + " but a Sequential passes each layer one tensor");
  }
}
