package dev.lamina.shape;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Init;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;
import dev.lamina.annotations.Shape;
import dev.lamina.shapes.ShapeArithmeticException;
import org.junit.jupiter.api.Test;

/**
 * Sizes that do not fit an int, through generated code: 1626^3 = 4298942376 wraps to 3975080 in int
 * arithmetic, which is a size a tensor can have, so a wrapped size would be allocated or accepted
 * without a word.
 */
class OverflowingShapesTest {
  private static final int WRAPS = 1626;
  /** What plain int arithmetic makes of n*n*n: the low 32 bits of 4298942376. */
  private static final int WRAPPED = (int) ((long) WRAPS * WRAPS * WRAPS);

  @Layer
  abstract static class Cube extends Module {
    final int n;

    @Param(shape = {"n*n*n"}, init = Init.ZEROS)
    Tensor cells;

    Cube(int n) {
      this.n = n;
    }

    @Override
    public Tensor forward(Tensor x) {
      return x.add(cells);
    }
  }

  /** Claims an output of n*n*n for an input of n, and returns the wrapped size. */
  @Layer
  abstract static class Wrapping extends Module {
    @Override
    @Shape({"n*n*n"})
    public Tensor forward(@Shape({"n"}) Tensor x) {
      return Tensor.zeros(WRAPPED);
    }
  }

  @Test
  void theWrappedSizeIsOneATensorCanHave() {
    assertThat(WRAPPED).isEqualTo(3975080);
  }

  @Test
  void aParameterWhoseSizeOverflowsIsNotAllocated() {
    ShapeArithmeticException error = assertThrows(ShapeArithmeticException.class,
        () -> new Lamina_OverflowingShapesTest_Cube(WRAPS));
    assertThat(error).hasMessageThat().isEqualTo("Cube: parameter cells, shape entry \"n*n*n\":"
        + " n*n*n with n=1626 is 4298942376, more than an int holds");
  }

  @Test
  void aParameterThatFitsIsAllocated() {
    assertThat(new Lamina_OverflowingShapesTest_Cube(3).cells.shape()).asList().containsExactly(27);
  }

  @Test
  void anOutputCheckedAgainstAnOverflowingSizeFails() {
    Module layer = new Lamina_OverflowingShapesTest_Wrapping();
    ShapeMismatchException error = assertThrows(ShapeMismatchException.class,
        () -> layer.forward(Tensor.zeros(WRAPS)));
    assertThat(error).hasMessageThat().isEqualTo("Wrapping.forward: output has shape [3975080],"
        + " expected [n*n*n], but n*n*n with n=1626 is 4298942376, more than an int holds");
  }
}
