package dev.lamina;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input is refused with a message that names the op, what was expected and what came in. */
class ErrorMessagesTest {
  @Test
  void elementwiseShapeMismatchNamesOpAndBothShapes() {
    assertThat(message(() -> Tensor.zeros(2, 3).add(Tensor.zeros(4))))
        .isEqualTo("add: shapes [2, 3] and [4]: 3 and 4 differ and neither is 1, so they do not"
            + " broadcast");
    assertThat(message(() -> Tensor.zeros(2, 3).mul(Tensor.zeros(3, 3))))
        .startsWith("mul: shapes [2, 3] and [3, 3]");
    assertThat(message(() -> Tensor.zeros(5).sub(Tensor.zeros(4))))
        .startsWith("sub: shapes [5] and [4]");
    assertThat(message(() -> Tensor.zeros(5).div(Tensor.zeros(2, 4))))
        .startsWith("div: shapes [5] and [2, 4]");
  }

  @Test
  void matmulMismatchNamesBothShapesAsGiven() {
    assertThat(message(() -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5))))
        .isEqualTo("matmul: shapes [2, 3] and [4, 5]: 3 and 4 differ");
    assertThat(message(() -> Tensor.zeros(3).matmul(Tensor.zeros(4))))
        .isEqualTo("matmul: shapes [3] and [4]: 3 and 4 differ");
    assertThat(message(() -> Tensor.zeros(3).matmul(Tensor.zeros(4, 2))))
        .isEqualTo("matmul: shapes [3] and [4, 2]: 3 and 4 differ");
    assertThat(message(() -> Tensor.zeros(2, 5).matmul(Tensor.zeros(4))))
        .isEqualTo("matmul: shapes [2, 5] and [4]: 5 and 4 differ");
    assertThat(message(() -> Tensor.zeros(2, 5).matmul(Tensor.zeros(3, 5))))
        .isEqualTo("matmul: shapes [2, 5] and [3, 5]: 5 and 3 differ; did you mean other.t()?");
    assertThat(message(() -> Tensor.zeros(2, 2, 3).matmul(Tensor.zeros(3, 3, 4))))
        .isEqualTo("matmul: shapes [2, 2, 3] and [3, 3, 4]: their batch dimensions do not"
            + " broadcast: 2 and 3 differ and neither is 1, so they do not broadcast");
    assertThat(message(() -> Tensor.scalar(1f).matmul(Tensor.zeros(3))))
        .isEqualTo("matmul: shapes [] and [3]: matmul takes tensors of at least one dimension");
  }

  @Test
  void catMismatchNamesBothShapes() {
    assertThat(message(() -> Tensor.cat(0, Tensor.zeros(2, 3), Tensor.zeros(2, 4))))
        .isEqualTo("cat: shapes [2, 3], [2, 4]: tensor 1 [2, 4] and tensor 0 [2, 3] differ in"
            + " dim 1, 4 and 3");
    assertThat(message(() -> Tensor.cat(0, Tensor.zeros(2, 3), Tensor.zeros(3))))
        .isEqualTo("cat: shapes [2, 3], [3]: tensor 1 has 1 dimensions and tensor 0 2");
    assertThat(message(() -> Tensor.stack(0, Tensor.zeros(2), Tensor.zeros(3))))
        .isEqualTo("stack: shapes [2], [3]: tensor 1 [3] and tensor 0 [2] differ in dim 0, 3 and 2");
  }

  @Test
  void backwardOnNonScalarSaysItsShape() {
    Tensor y = Tensor.zeros(2, 3).requiresGrad(true).mul(2f);
    assertThat(assertThrows(IllegalStateException.class, y::backward))
        .hasMessageThat().contains("but this tensor has shape [2, 3]");
  }

  @Test
  void itemOnManyElementsSaysHowMany() {
    assertThat(assertThrows(IllegalStateException.class, () -> Tensor.zeros(2, 3).item()))
        .hasMessageThat().isEqualTo(
            "item() needs a tensor with exactly one element, but this one has 6 elements"
                + " (shape [2, 3])");
  }

  @Test
  void badDimensionsNameTheOpAndTheValidRange() {
    Tensor x = Tensor.zeros(2, 3);
    assertThat(message(() -> x.sum(2, false)))
        .isEqualTo("sum: shape [2, 3]: sum dim 2 is out of range for a tensor of 2 dimensions"
            + " [2, 3]");
    assertThat(message(() -> x.softmax(-3))).startsWith("softmax: shape [2, 3]: softmax dim -3 is out of range");
    assertThat(message(() -> x.logSoftmax(3))).startsWith("logSoftmax: shape [2, 3]: logSoftmax dim 3 is out of range");
    assertThat(message(() -> x.transpose(0, 2))).startsWith("transpose: shape [2, 3]: transpose dim 2 is out of range");
    assertThat(message(() -> x.unsqueeze(3)))
        .isEqualTo("unsqueeze: shape [2, 3]: unsqueeze dim 3 is out of range for 2 dimensions"
            + " (it takes -3 to 2)");
    assertThat(message(() -> x.max(5, false))).startsWith("max: shape [2, 3]: max dim 5 is out of range");
    assertThat(message(() -> x.mean(-3, true))).startsWith("mean: shape [2, 3]: mean dim -3 is out of range");
    assertThat(message(() -> x.permute(0, 0))).isEqualTo("permute: shape [2, 3] and order [0, 0]: permute names dim 0 twice");
    assertThat(message(() -> x.permute(0))).isEqualTo("permute: shape [2, 3] and order [0]: permute takes one dim per dimension,"
            + " 2, but was given 1");
    assertThat(message(() -> x.select(1, 3)))
        .isEqualTo("select: index 3 is out of range for dimension 1 of size 3");
    assertThat(message(() -> Tensor.scalar(1f).select(0, 0)))
        .isEqualTo("select: cannot select from a rank-0 tensor");
    assertThat(message(() -> x.sum(new int[] {1, -1}, false)))
        .isEqualTo("sum: shape [2, 3]: sum names dim 1 twice");
  }

  @Test
  void reshapeToWrongSizeSaysBothSizes() {
    Tensor x = Tensor.zeros(2, 3);
    assertThat(message(() -> x.reshape(4, 2)))
        .isEqualTo("reshape: shape [2, 3] to [4, 2]: it holds 6 elements, and 8 were asked for");
    assertThat(message(() -> x.reshape(4, -1)))
        .isEqualTo("reshape: shape [2, 3] to [4, -1]: it holds 6 elements, which 4 do not divide,"
            + " so no size fits the -1");
    assertThat(message(() -> x.reshape(-1, -1)))
        .isEqualTo("reshape: shape [2, 3] to [-1, -1]: only one size can be -1");
  }

  @Test
  void expandToIncompatibleShapeSaysWhich() {
    assertThat(message(() -> Tensor.zeros(3, 2).expand(3, 4)))
        .isEqualTo("expand: shape [3, 2] cannot be expanded to [3, 4] (dimension 1)");
    assertThat(message(() -> Tensor.zeros(3).expand(-1, 3)))
        .isEqualTo("expand: -1 is not allowed for the new leading dimension 0 of [-1, 3]");
  }

  @Test
  void creatingFromValuesOfWrongCountSaysBoth() {
    assertThat(message(() -> Tensor.of(new float[5], 2, 3)))
        .isEqualTo("shape [2, 3] needs 6 values, got 5");
    assertThat(message(() -> Tensor.of(new float[][] {{1, 2}, {3}})))
        .isEqualTo("row 1 has 1 values, expected 2 as in row 0");
    assertThat(message(() -> Tensor.zeros(2, -1))).contains("negative dimension -1");
  }

  @Test
  void elementAccessOutOfRangeSaysWhere() {
    Tensor x = Tensor.zeros(2, 3);
    assertThat(assertThrows(IndexOutOfBoundsException.class, () -> x.get(1, 3)))
        .hasMessageThat().isEqualTo(
            "index 3 is out of range for dimension 1 of size 3 (shape [2, 3])");
    assertThat(message(() -> x.get(1))).isEqualTo("index [1] has 1 entries for a tensor of shape [2, 3]");
  }

  private static String message(Executable executable) {
    RuntimeException e = assertThrows(RuntimeException.class, executable);
    // Out-of-range dimensions and indices are IndexOutOfBoundsExceptions, as PyTorch's IndexError.
    assertThat(e instanceof IllegalArgumentException || e instanceof IndexOutOfBoundsException)
        .isTrue();
    return e.getMessage();
  }
}
