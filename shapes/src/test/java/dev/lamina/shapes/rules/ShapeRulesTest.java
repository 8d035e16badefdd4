package dev.lamina.shapes.rules;

import static com.google.common.truth.Truth.assertThat;

import dev.lamina.shapes.DeclaredShape;
import dev.lamina.shapes.ShapeSyntax;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shape rules against PyTorch's shape semantics, and the one judgement they share: what is
 * provably different, so that a rule never reports what might be right.
 */
class ShapeRulesTest {
  private static TracedShape shape(String... entries) {
    return TracedShape.of(DeclaredShape.of(entries));
  }

  private static SymbolicSize size(String entry) {
    return SymbolicSize.of(ShapeSyntax.parse(entry));
  }

  @Test
  void sizesCompareByNormalForm() {
    assertThat(size("n+n").sameAs(size("2*n"))).isTrue();
    assertThat(size("(a+b)*c").sameAs(size("a*c+c*b"))).isTrue();
    assertThat(size("n").differsFrom(size("n+1"))).isTrue();
    assertThat(size("units").differsFrom(size("inUnits"))).isTrue();
    assertThat(size("3").differsFrom(size("4"))).isTrue();
    // A name may have any value, a literal among them; a division depends on rounding.
    assertThat(size("channels").differsFrom(size("3"))).isFalse();
    assertThat(size("dim/heads").sameAs(size("dim/heads"))).isTrue();
    assertThat(size("(n/2)*2").differsFrom(size("n"))).isFalse();
    assertThat(SymbolicSize.unknown().differsFrom(size("3"))).isFalse();
  }

  @Test
  void broadcastingAsPyTorch() {
    assertThat(ShapeRules.broadcast(shape("batch", "1", "n"), shape("m", "1")).shape().toString())
        .isEqualTo("[batch, m, n]");
    assertThat(ShapeRules.broadcast(shape("...", "n"), shape("n")).shape().toString())
        .isEqualTo("[..., n]");
    assertThat(ShapeRules.broadcast(shape("b", "n"), shape("b", "m")).problem())
        .isEqualTo("n and m differ and neither is 1, so they do not broadcast");
    assertThat(ShapeRules.broadcast(shape("b", "n"), shape("3")).failed()).isFalse();
  }

  @Test
  void matmulOfEveryRank() {
    assertThat(ShapeRules.matmul(shape("b", "i"), shape("i", "o"), "w").shape().toString())
        .isEqualTo("[b, o]");
    assertThat(ShapeRules.matmul(shape("i"), shape("i", "o"), "w").shape().toString())
        .isEqualTo("[o]");
    assertThat(ShapeRules.matmul(shape("b", "i"), shape("i"), "v").shape().toString())
        .isEqualTo("[b]");
    assertThat(ShapeRules.matmul(shape("i"), shape("i"), "v").shape().toString()).isEqualTo("[]");
    assertThat(ShapeRules.matmul(shape("n", "1", "s", "d"), shape("h", "d", "t"), "k")
        .shape().toString()).isEqualTo("[n, h, s, t]");
    Outcome transposed = ShapeRules.matmul(shape("b", "i"), shape("o", "i"), "w");
    assertThat(transposed.problem()).isEqualTo("i and o differ");
    assertThat(transposed.hint()).isEqualTo("w.t()");
    assertThat(ShapeRules.matmul(shape("n", "s", "d"), shape("m", "d", "s"), "k").problem())
        .isEqualTo("their batch dimensions do not broadcast: n and m differ and neither is 1,"
            + " so they do not broadcast");
  }

  @Test
  void reshapeCountsElements() {
    List<SymbolicSize> sizes = new ArrayList<>(List.of(size("b"), size("h"), size("d")));
    assertThat(ShapeRules.reshape(shape("b", "h*d"), sizes).failed()).isFalse();
    sizes.set(2, size("e"));
    assertThat(ShapeRules.reshape(shape("b", "h*d"), sizes).problem())
        .isEqualTo("it holds b*h*d elements, and b*h*e were asked for");
    sizes.set(2, null);
    assertThat(ShapeRules.reshape(shape("b", "h*d"), sizes).shape().toString())
        .isEqualTo("[b, h, ?]");
  }

  @Test
  void catAddsTheJoinedSizesAndStackAddsADimension() {
    assertThat(ShapeRules.cat(1, List.of(shape("b", "x"), shape("b", "y"))).shape().toString())
        .isEqualTo("[b, x+y]");
    assertThat(ShapeRules.cat(-1, List.of(shape("b", "2"), shape("b", "3"))).shape().toString())
        .isEqualTo("[b, 5]");
    assertThat(ShapeRules.stack(0, List.of(shape("b", "x"), shape("b", "x"))).shape().toString())
        .isEqualTo("[2, b, x]");
  }

  @Test
  void reductionsAndDims() {
    assertThat(ShapeRules.reduce("sum", shape("b", "s", "d"), new int[] {1}, false).shape()
        .toString()).isEqualTo("[b, d]");
    assertThat(ShapeRules.reduce("mean", shape("b", "s", "d"), new int[] {-1}, true).shape()
        .toString()).isEqualTo("[b, s, 1]");
    assertThat(ShapeRules.reduce("sum", shape("b", "d"), new int[] {2}, false).failed()).isTrue();
    // An open prefix leaves a positive dim in range or not: nothing is reported.
    assertThat(ShapeRules.alongDim("softmax", shape("...", "d"), 3).failed()).isFalse();
    assertThat(ShapeRules.alongDim("softmax", shape("...", "d"), -2).failed()).isFalse();
    assertThat(ShapeRules.transpose(shape("b", "s", "d"), -2, -1).shape().toString())
        .isEqualTo("[b, d, s]");
    assertThat(ShapeRules.flatten(shape("b", "h", "w"), 1).shape().toString())
        .isEqualTo("[b, h*w]");
  }

  @Test
  void einsumLettersAreOneSizeEach() {
    assertThat(ShapeRules.einsum("bi,oi->bo", List.of(shape("b", "i"), shape("o", "i")))
        .shape().toString()).isEqualTo("[b, o]");
    assertThat(ShapeRules.einsum("bi,io->bo", List.of(shape("b", "i"), shape("o", "i")))
        .problem()).isEqualTo("letter i is i in operand 0 and o in operand 1");
  }
}
