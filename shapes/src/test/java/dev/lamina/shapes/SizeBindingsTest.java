package dev.lamina.shapes;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Matching sizes against declared shapes: binding, arithmetic, "..." and the error text. */
class SizeBindingsTest {
  private static int[] sizes(int... sizes) {
    return sizes;
  }

  @Test
  void bindsNamesAndChecksArithmeticInTheSameShape() {
    SizeBindings shapes = new SizeBindings("Layer.forward");
    assertThat(shapes.mismatch("x", sizes(3, 8, 4), DeclaredShape.of("...", "n", "n/2"))).isNull();
    assertThat(shapes.get("n")).isEqualTo(8);
    assertThat(new SizeBindings("Layer.forward")
            .mismatch("x", sizes(8, 5), DeclaredShape.of("n", "n/2")))
        .isEqualTo("Layer.forward: x has shape [8, 5], expected [n, n/2]");
  }

  @Test
  void showsWhatEachNameIsBoundTo() {
    SizeBindings shapes = new SizeBindings("Layer.forward").bind("in", 3);
    assertThat(shapes.mismatch("x", sizes(2, 9), DeclaredShape.of("batch", "in*in"))).isNull();
    assertThat(shapes.mismatch("output", sizes(3, 9), DeclaredShape.of("batch", "in*in")))
        .isEqualTo("Layer.forward: output has shape [3, 9], expected [batch=2, in*in=9]");
  }

  @Test
  void aFailedCheckBindsNothing() {
    SizeBindings shapes = new SizeBindings("f");
    assertThat(shapes.mismatch("x", sizes(2, 3), DeclaredShape.of("a", "b", "c"))).isNotNull();
    assertThat(shapes.valueOf("a")).isNull();
    assertThat(shapes.toString()).isEqualTo("f {}");
  }

  @Test
  void aNameRepeatedInOneShapeMustAgree() {
    assertThat(new SizeBindings("Square.forward")
        .mismatch("x", sizes(2, 3), DeclaredShape.of("n", "n"))).isNotNull();
    assertThat(new SizeBindings("Square.forward")
        .mismatch("x", sizes(3, 3), DeclaredShape.of("n", "n"))).isNull();
  }

  @Test
  void ellipsisMatchesNoneOrManyLeadingDimensions() {
    DeclaredShape shape = DeclaredShape.of("...", "4");
    assertThat(new SizeBindings("f").mismatch("x", sizes(4), shape)).isNull();
    assertThat(new SizeBindings("f").mismatch("x", sizes(2, 3, 4), shape)).isNull();
    assertThat(new SizeBindings("f").mismatch("x", sizes(4, 2), shape))
        .isEqualTo("f: x has shape [4, 2], expected [..., 4]");
  }

  @Test
  void aSizeThatOverflowsNeverMatchesAWrappedOne() {
    SizeBindings shapes = new SizeBindings("Cube.forward").bind("n", 1626);
    assertThat(shapes.mismatch("output", sizes(3975080), DeclaredShape.of("n*n*n")))
        .isEqualTo("Cube.forward: output has shape [3975080], expected [n*n*n], but n*n*n with"
            + " n=1626 is 4298942376, more than an int holds");
  }

  @Test
  void parameterSizesAreEvaluatedFromTheBindings() {
    SizeBindings shapes = new SizeBindings("Layer").bind("in", 3).bind("out", 2);
    assertThat(shapes.sizes("weight", "out", "in*in", "4")).asList()
        .containsExactly(2, 9, 4).inOrder();
  }

  @Test
  void aParameterSizeThatOverflowsNamesTheLayerParameterEntryAndValues() {
    SizeBindings shapes = new SizeBindings("Cube").bind("n", 1626);
    ShapeArithmeticException error = assertThrows(ShapeArithmeticException.class,
        () -> shapes.sizes("weight", "n", "n*n*n"));
    assertThat(error).hasMessageThat().isEqualTo("Cube: parameter weight, shape entry \"n*n*n\":"
        + " n*n*n with n=1626 is 4298942376, more than an int holds");
  }

  @Test
  void aParameterSizeWithAnUnboundNameSaysWhatIsBound() {
    SizeBindings shapes = new SizeBindings("Layer").bind("out", 2);
    IllegalStateException error = assertThrows(IllegalStateException.class,
        () -> shapes.sizes("weight", "out", "in"));
    assertThat(error).hasMessageThat().isEqualTo("Layer: in is not bound; bound are Layer {out=2}");
  }

  @Test
  void resolveReplacesEntriesWhoseNamesAreBound() {
    SizeBindings shapes = new SizeBindings("Layer").bind("units", 8);
    assertThat(shapes.resolve(DeclaredShape.of("...", "batch", "units", "units/2", "3")))
        .containsExactly("...", "batch", "8", "4", "3").inOrder();
  }

  @Test
  void aParameterSizeMustDivideExactly() {
    SizeBindings shapes = new SizeBindings("Attention").bind("dim", 8).bind("heads", 3);
    ShapeArithmeticException error = assertThrows(ShapeArithmeticException.class,
        () -> shapes.sizes("proj", "dim/heads", "dim"));
    assertThat(error).hasMessageThat().isEqualTo("Attention: parameter proj, shape entry"
        + " \"dim/heads\": dim=8 is not divisible by heads=3");
  }

  @Test
  void aRemainderInsideAnEntryIsFoundWhereItHappens() {
    SizeBindings shapes = new SizeBindings("Layer").bind("a", 4).bind("b", 5);
    ShapeArithmeticException error = assertThrows(ShapeArithmeticException.class,
        () -> shapes.sizes("weight", "(a+b)/2*2"));
    assertThat(error).hasMessageThat().isEqualTo("Layer: parameter weight, shape entry"
        + " \"(a+b)/2*2\": (a+b)=9 is not divisible by 2");
  }

  @Test
  void anExactDivisionGivesTheQuotient() {
    SizeBindings shapes = new SizeBindings("Attention").bind("dim", 8).bind("heads", 2);
    assertThat(shapes.sizes("proj", "dim/heads", "dim")).asList().containsExactly(4, 8).inOrder();
  }

  @Test
  void aParameterSizeOfZeroOrLessIsRefused() {
    SizeBindings shapes = new SizeBindings("Layer").bind("units", 0).bind("in", 2);
    ShapeArithmeticException zero = assertThrows(ShapeArithmeticException.class,
        () -> shapes.sizes("weight", "in", "units"));
    assertThat(zero).hasMessageThat().isEqualTo("Layer: parameter weight, shape entry \"units\":"
        + " units=0, but a size must be positive");
    ShapeArithmeticException negative = assertThrows(ShapeArithmeticException.class,
        () -> shapes.sizes("weight", "units-in"));
    assertThat(negative).hasMessageThat().isEqualTo("Layer: parameter weight, shape entry"
        + " \"units-in\": units-in with units=0, in=2 is -2, but a size must be positive");
  }

  @Test
  void aCheckedShapeStillRoundsDown() {
    // "n/2" of an odd length is the half an rfft-like layer returns: only parameter sizes are exact.
    assertThat(new SizeBindings("f").mismatch("x", sizes(5, 2), DeclaredShape.of("n", "n/2")))
        .isNull();
  }
}
