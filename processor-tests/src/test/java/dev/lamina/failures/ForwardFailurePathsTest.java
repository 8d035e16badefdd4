package dev.lamina.failures;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.LayerForwardException;
import dev.lamina.Sequential;
import dev.lamina.Tensor;
import dev.lamina.nn.Linear;
import dev.lamina.nn.ReLU;
import dev.lamina.shape.ShapeMismatchException;
import org.junit.jupiter.api.Test;

/**
 * Generated forwards report what fails inside them with the failing layer's path: an op's failure in
 * a child of a child reads {@code 0.attn (Attention).forward: matmul: ...}, with the op's exception
 * as the cause.
 */
class ForwardFailurePathsTest {
  private static final Tensor X = Tensor.ones(2, 5);

  /** The op's own exception for the product Attention computes, called directly. */
  private static IllegalArgumentException productFailure(Attention attention) {
    return assertThrows(IllegalArgumentException.class, () -> X.matmul(attention.weight()));
  }

  @Test
  void aChildOfAChildIsNamedByItsFullPath() {
    Attention attention = Attention.create();
    Sequential model = new Sequential(EncoderBlock.create(attention));
    IllegalArgumentException op = productFailure(attention);
    assertThat(op).hasMessageThat()
        .isEqualTo("matmul: shapes [2, 5] and [3, 5]: 5 and 3 differ; did you mean other.t()?");
    LayerForwardException e = assertThrows(LayerForwardException.class, () -> model.forward(X));
    assertThat(e).hasMessageThat().isEqualTo("0.attn (Attention).forward: " + op.getMessage());
    assertThat(e.path()).isEqualTo("0.attn");
    assertThat(e.layer()).isSameInstanceAs(attention);
    assertThat(e).hasCauseThat().isInstanceOf(IllegalArgumentException.class);
    assertThat(e).hasCauseThat().hasMessageThat().isEqualTo(op.getMessage());
    assertThat(e.getCause()).isNotInstanceOf(LayerForwardException.class);
    assertThat(e.getCause().getCause()).isNull();
  }

  @Test
  void theLayerThatWasCalledHasNoPathAndEachParentAddsOneName() {
    Attention attention = Attention.create();
    String op = productFailure(attention).getMessage();
    assertThat(assertThrows(LayerForwardException.class, () -> attention.forward(X)))
        .hasMessageThat().isEqualTo("Attention.forward: " + op);
    EncoderBlock block = EncoderBlock.create(attention);
    assertThat(assertThrows(LayerForwardException.class, () -> block.forward(X)))
        .hasMessageThat().isEqualTo("attn (Attention).forward: " + op);
    EncoderBlock outer = EncoderBlock.create(new Sequential(ReLU.create(), block));
    assertThat(assertThrows(LayerForwardException.class, () -> outer.forward(X)))
        .hasMessageThat().isEqualTo("attn.1.attn (Attention).forward: " + op);
  }

  @Test
  void aShapeCheckOfAChildGetsThePathWithoutNamingTheLayerTwice() {
    EncoderBlock block = EncoderBlock.create(new Sequential(Linear.create(5, 5), Linear.create(4, 5)));
    ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> block.forward(X));
    assertThat(e).hasMessageThat()
        .isEqualTo("attn.1 (Linear).forward: x has shape [2, 5], expected [..., inFeatures=4]");
    assertThat(e).hasCauseThat().isNull();
  }
}
