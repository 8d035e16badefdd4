package dev.lamina.shape;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.Tensor;
import org.junit.jupiter.api.Test;

/** The run-time side of {@code @Shape}: binding, arithmetic, "..." and the error text. */
class ShapeBindingsTest {
  @Test
  void bindsNamesAndChecksArithmeticInTheSameShape() {
    ShapeBindings shapes = new ShapeBindings("Layer.forward");
    shapes.check("x", Tensor.zeros(3, 8, 4), SymbolicShape.of("...", "n", "n/2"));
    assertThat(shapes.get("n")).isEqualTo(8);
    ShapeMismatchException error = assertThrows(ShapeMismatchException.class,
        () -> new ShapeBindings("Layer.forward")
            .check("x", Tensor.zeros(8, 5), SymbolicShape.of("n", "n/2")));
    assertThat(error).hasMessageThat()
        .isEqualTo("Layer.forward: x has shape [8, 5], expected [n, n/2]");
  }

  @Test
  void showsWhatEachNameIsBoundTo() {
    ShapeBindings shapes = new ShapeBindings("Layer.forward").bind("in", 3);
    shapes.check("x", Tensor.zeros(2, 9), SymbolicShape.of("batch", "in*in"));
    ShapeMismatchException error = assertThrows(ShapeMismatchException.class,
        () -> shapes.check("output", Tensor.zeros(3, 9), SymbolicShape.of("batch", "in*in")));
    assertThat(error).hasMessageThat()
        .isEqualTo("Layer.forward: output has shape [3, 9], expected [batch=2, in*in=9]");
  }

  @Test
  void aNameRepeatedInOneShapeMustAgree() {
    assertThrows(ShapeMismatchException.class, () -> new ShapeBindings("Square.forward")
        .check("x", Tensor.zeros(2, 3), SymbolicShape.of("n", "n")));
  }

  @Test
  void ellipsisMatchesNoneOrManyLeadingDimensions() {
    SymbolicShape shape = SymbolicShape.of("...", "4");
    new ShapeBindings("f").check("x", Tensor.zeros(4), shape);
    new ShapeBindings("f").check("x", Tensor.zeros(2, 3, 4), shape);
    ShapeMismatchException error = assertThrows(ShapeMismatchException.class,
        () -> new ShapeBindings("f").check("x", Tensor.zeros(4, 2), shape));
    assertThat(error).hasMessageThat().isEqualTo("f: x has shape [4, 2], expected [..., 4]");
  }
}
