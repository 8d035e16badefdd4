package dev.lamina.chapter;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.Tensor;
import dev.lamina.shape.ShapeMismatchException;
import org.junit.jupiter.api.Test;

/** User names that the generated class would use for itself: it compiled, and it works. */
class ReservedNamesTest {
  @Test
  void parametersAndArgumentNamedLikeGeneratedFieldsWork() {
    ReservedNames layer = ReservedNames.create(2);
    Tensor output = layer.forward(Tensor.ones(3, 4));
    assertThat(output.shape()).isEqualTo(new int[] {3, 2});
    assertThat(output.toFloatArray()).usingExactEquality()
        .containsExactly(4f, 4f, 4f, 4f, 4f, 4f).inOrder();
    assertThat(layer.TYPE_NAME.shape()).isEqualTo(new int[] {2, 4});
    assertThat(layer.inferredAllocated.shape()).isEqualTo(new int[] {16});
    assertThat(layer.namedParameters().keySet())
        .containsExactly("type_name", "inferred_lock", "inferred_allocated").inOrder();
    assertThat(layer.typeName()).isEqualTo("dev.lamina.chapter.ReservedNames");
  }

  @Test
  void theChecksStillNameTheArgument() {
    ReservedNames layer = ReservedNames.create(2);
    layer.forward(Tensor.ones(3, 4));
    ShapeMismatchException error = assertThrows(ShapeMismatchException.class,
        () -> layer.forward(Tensor.ones(3, 5)));
    assertThat(error).hasMessageThat().isEqualTo(
        "ReservedNames.forward: INPUT_SHAPE has shape [3, 5], expected [batch, in=4]");
  }
}
