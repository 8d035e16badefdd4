package dev.lamina;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.nn.Linear;
import dev.lamina.nn.ReLU;
import dev.lamina.nn.Softmax;
import dev.lamina.shape.ShapeMismatchException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What escapes a forward names the failing layer and its path from the layer that was called, keeps
 * the op's message after that and the op's exception as the cause; Sequential reports its children
 * by index.
 */
class ForwardFailuresTest {
  /** A hand-written layer whose product does not fit: [batch, 5] times [3, 5]. */
  static final class BadProduct extends Module {
    @Override
    public Tensor forward(Tensor x) {
      return x.matmul(Tensor.zeros(3, 5));
    }
  }

  /** A hand-written layer that fails with something other than an illegal argument. */
  static final class ItemOfMany extends Module {
    @Override
    public Tensor forward(Tensor x) {
      return Tensor.scalar(x.item());
    }
  }

  /** A hand-written container whose children are registered under dotted names, as a list's are. */
  static final class Blocks extends Module {
    private final Module first;
    private final Module second;

    Blocks(Module first, Module second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public Tensor forward(Tensor x) {
      try {
        return second.forward(first.forward(x));
      } catch (RuntimeException e) {
        throw forwardFailed(e);
      }
    }

    @Override
    protected Map<String, Module> localChildren() {
      Map<String, Module> children = new LinkedHashMap<>();
      children.put("blocks.0", first);
      children.put("blocks.1", second);
      return children;
    }
  }

  /** What the op itself says for the product BadProduct computes on {@code x}. */
  private static IllegalArgumentException productFailure(Tensor x) {
    return assertThrows(IllegalArgumentException.class, () -> x.matmul(Tensor.zeros(3, 5)));
  }

  @Test
  void anOpFailureInAChildNamesItsIndexAndTypeAndKeepsTheOpsMessage() {
    BadProduct bad = new BadProduct();
    Sequential net = new Sequential(ReLU.create(), bad);
    Tensor x = Tensor.ones(2, 5);
    LayerForwardException e = assertThrows(LayerForwardException.class, () -> net.forward(x));
    String op = productFailure(x).getMessage();
    assertThat(op).startsWith("matmul: shapes [2, 5] and [3, 5]: 5 and 3 differ");
    assertThat(e).hasMessageThat().isEqualTo("1 (BadProduct).forward: " + op);
    assertThat(e.detail()).isEqualTo(op);
    assertThat(e.path()).isEqualTo("1");
    assertThat(e.layer()).isSameInstanceAs(bad);
    assertThat(e).hasCauseThat().isInstanceOf(IllegalArgumentException.class);
    assertThat(e).hasCauseThat().hasMessageThat().isEqualTo(op);
    assertThat(e.getCause()).isNotInstanceOf(LayerForwardException.class);
  }

  @Test
  void nestedContainersJoinTheirNamesIntoOnePath() {
    Sequential net = new Sequential(ReLU.create(),
        new Sequential(ReLU.create(),
            new Blocks(ReLU.create(), new Sequential(new BadProduct()))));
    Tensor x = Tensor.ones(2, 5);
    LayerForwardException e = assertThrows(LayerForwardException.class, () -> net.forward(x));
    assertThat(e).hasMessageThat()
        .isEqualTo("1.1.blocks.1.0 (BadProduct).forward: " + productFailure(x).getMessage());
    assertThat(e.getCause()).isNotInstanceOf(LayerForwardException.class);
  }

  @Test
  void aHandWrittenContainerFindsItsChildUnderADottedName() {
    Blocks blocks = new Blocks(ReLU.create(), new Sequential(new BadProduct()));
    Tensor x = Tensor.ones(2, 5);
    LayerForwardException e = assertThrows(LayerForwardException.class, () -> blocks.forward(x));
    assertThat(e.path()).isEqualTo("blocks.1.0");
    assertThat(e).hasMessageThat()
        .isEqualTo("blocks.1.0 (BadProduct).forward: " + productFailure(x).getMessage());
  }

  @Test
  void theLayerThatWasCalledIsNamedWithoutAPath() {
    Tensor x = Tensor.ones(2, 3);
    IndexOutOfBoundsException op =
        assertThrows(IndexOutOfBoundsException.class, () -> x.softmax(5));
    Softmax softmax = Softmax.create(5);
    LayerForwardException e = assertThrows(LayerForwardException.class, () -> softmax.forward(x));
    assertThat(e).hasMessageThat().isEqualTo("Softmax.forward: " + op.getMessage());
    assertThat(e.path()).isEmpty();
    assertThat(e.layer()).isSameInstanceAs(softmax);
    assertThat(e).hasCauseThat().isInstanceOf(IndexOutOfBoundsException.class);
    LayerForwardException inside = assertThrows(LayerForwardException.class,
        () -> new Sequential(ReLU.create(), softmax).forward(x));
    assertThat(inside).hasMessageThat().isEqualTo("1 (Softmax).forward: " + op.getMessage());
    ShapeMismatchException check = assertThrows(ShapeMismatchException.class,
        () -> Linear.create(5, 3).forward(Tensor.zeros(2, 4)));
    assertThat(check).hasMessageThat()
        .isEqualTo("Linear.forward: x has shape [2, 4], expected [..., inFeatures=5]");
    assertThat(check.path()).isEmpty();
  }

  @Test
  void aShapeCheckInsideAModelGetsThePathAndNamesTheLayerOnce() {
    Sequential net = new Sequential(Linear.create(5, 3), ReLU.create(), Linear.create(4, 2));
    ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
        () -> net.forward(Tensor.zeros(2, 5)));
    assertThat(e).hasMessageThat()
        .isEqualTo("2 (Linear).forward: x has shape [2, 3], expected [..., inFeatures=4]");
    assertThat(e.detail()).isEqualTo("x has shape [2, 3], expected [..., inFeatures=4]");
    assertThat(e).hasCauseThat().isNull();
  }

  @Test
  void aLayerPlacedTwiceIsNamedByTheIndexWhereItFailed() {
    Linear shared = Linear.create(5, 5);
    // The shared layer fits at index 0 and fails at index 2, after the product to 3 features.
    Sequential net = new Sequential(shared, Linear.create(5, 3), shared);
    ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
        () -> net.forward(Tensor.zeros(2, 5)));
    assertThat(e).hasMessageThat()
        .isEqualTo("2 (Linear).forward: x has shape [2, 3], expected [..., inFeatures=5]");
    assertThat(e.layer()).isSameInstanceAs(shared);
  }

  @Test
  void theFusedPathIsReportedForItsLinearToo() {
    Sequential net = new Sequential(ReLU.create(), Linear.create(5, 3), ReLU.create());
    ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
        () -> net.forward(Tensor.zeros(2, 4)));
    assertThat(e).hasMessageThat()
        .isEqualTo("1 (Linear).forward: x has shape [2, 4], expected [..., inFeatures=5]");
  }

  @Test
  void aFailureOfAnotherKindKeepsItsTypeAsTheCause() {
    Tensor x = Tensor.ones(2, 3);
    IllegalStateException op = assertThrows(IllegalStateException.class, x::item);
    LayerForwardException e = assertThrows(LayerForwardException.class,
        () -> new Sequential(ReLU.create(), new ItemOfMany()).forward(x));
    assertThat(e).hasMessageThat().isEqualTo("1 (ItemOfMany).forward: " + op.getMessage());
    assertThat(e).hasCauseThat().isInstanceOf(IllegalStateException.class);
  }
}
