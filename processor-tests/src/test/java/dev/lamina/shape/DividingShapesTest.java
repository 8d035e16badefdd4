package dev.lamina.shape;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.LayerForwardException;
import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Init;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;
import dev.lamina.annotations.Shape;
import dev.lamina.shapes.ShapeArithmeticException;
import org.junit.jupiter.api.Test;

/**
 * A division in a parameter's shape states that it is exact: a layer whose sizes do not divide is
 * refused when it is constructed, or when its first call decides an inferred size.
 */
class DividingShapesTest {
  @Layer
  abstract static class Attention extends Module {
    final int dim;
    final int heads;

    @Param(shape = {"dim/heads", "dim"}, init = Init.ZEROS)
    Tensor proj;

    Attention(int dim, int heads) {
      this.dim = dim;
      this.heads = heads;
    }

    @Override
    public Tensor forward(Tensor x) {
      return x.matmul(proj.t());
    }
  }

  /** Halves its input's last size, learned on the first call. */
  @Layer
  abstract static class LazyHalf extends Module {
    @Param(shape = {"in", "in/2"}, init = Init.ZEROS)
    Tensor weight;

    @Override
    public Tensor forward(@Shape({"batch", "in"}) Tensor x) {
      return x.matmul(weight);
    }
  }

  @Test
  void aSizeThatDoesNotDivideIsRefusedAtConstruction() {
    ShapeArithmeticException error = assertThrows(ShapeArithmeticException.class,
        () -> new Lamina_DividingShapesTest_Attention(8, 3));
    assertThat(error).hasMessageThat().isEqualTo("Attention: parameter proj, shape entry"
        + " \"dim/heads\": dim=8 is not divisible by heads=3");
  }

  @Test
  void aSizeThatDividesIsAllocated() {
    Attention attention = new Lamina_DividingShapesTest_Attention(8, 2);
    assertThat(attention.proj.shape()).asList().containsExactly(4, 8).inOrder();
  }

  @Test
  void aSizeOfZeroIsRefusedAtConstruction() {
    ShapeArithmeticException error = assertThrows(ShapeArithmeticException.class,
        () -> new Lamina_DividingShapesTest_Attention(0, 2));
    assertThat(error).hasMessageThat().isEqualTo("Attention: parameter proj, shape entry"
        + " \"dim/heads\": dim/heads with dim=0, heads=2 is 0, but a size must be positive");
  }

  @Test
  void zeroHeadsIsADivisionByZero() {
    ShapeArithmeticException error = assertThrows(ShapeArithmeticException.class,
        () -> new Lamina_DividingShapesTest_Attention(8, 0));
    assertThat(error).hasMessageThat().isEqualTo("Attention: parameter proj, shape entry"
        + " \"dim/heads\": dim/heads with dim=8, heads=0 divides by zero");
  }

  @Test
  void anInferredSizeThatDoesNotDivideIsRefusedOnTheFirstCall() {
    Module layer = new Lamina_DividingShapesTest_LazyHalf();
    LayerForwardException error = assertThrows(LayerForwardException.class,
        () -> layer.forward(Tensor.zeros(2, 5)));
    assertThat(error).hasCauseThat().isInstanceOf(ShapeArithmeticException.class);
    assertThat(error).hasMessageThat().isEqualTo("LazyHalf.forward: parameter weight, shape entry"
        + " \"in/2\": in=5 is not divisible by 2");
    assertThat(layer.forward(Tensor.zeros(2, 6)).shape()).asList().containsExactly(2, 3).inOrder();
  }
}
