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
        .isEqualTo("add: shapes [2, 3] and [4] cannot be broadcast together (dimension 1: 3 vs 4)");
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
        .isEqualTo("matmul: shapes [2, 3] and [4, 5] cannot be multiplied (2x3 and 4x5)");
    assertThat(message(() -> Tensor.zeros(3).matmul(Tensor.zeros(4))))
        .isEqualTo("matmul: shapes [3] and [4] cannot be multiplied (3 and 4)");
    assertThat(message(() -> Tensor.zeros(3).matmul(Tensor.zeros(4, 2))))
        .isEqualTo("matmul: shapes [3] and [4, 2] cannot be multiplied (3 and 4x2)");
    assertThat(message(() -> Tensor.zeros(2, 5).matmul(Tensor.zeros(4))))
        .isEqualTo("matmul: shapes [2, 5] and [4] cannot be multiplied (2x5 and 4)");
    assertThat(message(() -> Tensor.zeros(2, 2, 3).matmul(Tensor.zeros(3, 3, 4))))
        .isEqualTo("matmul: batch dimensions of shapes [2, 2, 3] and [3, 3, 4] cannot be"
            + " broadcast together ([2] and [3])");
    assertThat(message(() -> Tensor.scalar(1f).matmul(Tensor.zeros(3))))
        .contains("got shapes [] and [3]");
  }

  @Test
  void catMismatchNamesBothShapes() {
    assertThat(message(() -> Tensor.cat(0, Tensor.zeros(2, 3), Tensor.zeros(2, 4))))
        .isEqualTo("cat: sizes must match except in dimension 0, but tensor 1 has shape [2, 4]"
            + " and tensor 0 has shape [2, 3]");
    assertThat(message(() -> Tensor.cat(0, Tensor.zeros(2, 3), Tensor.zeros(3))))
        .contains("tensor 1 has shape [3] but tensor 0 has shape [2, 3]");
    assertThat(message(() -> Tensor.stack(0, Tensor.zeros(2), Tensor.zeros(3))))
        .isEqualTo("stack: tensor 1 has shape [3] but tensor 0 has shape [2]");
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
        .isEqualTo("sum: dimension 2 is out of range for a tensor of rank 2"
            + " (expected a dimension in [-2, 1])");
    assertThat(message(() -> x.softmax(-3))).startsWith("softmax: dimension -3 is out of range");
    assertThat(message(() -> x.logSoftmax(3))).startsWith("logSoftmax: dimension 3 is out of range");
    assertThat(message(() -> x.transpose(0, 2))).startsWith("transpose: dimension 2");
    assertThat(message(() -> x.unsqueeze(3)))
        .isEqualTo("unsqueeze: dimension 3 is out of range for a tensor of rank 3"
            + " (expected a dimension in [-3, 2])");
    assertThat(message(() -> x.max(5, false))).startsWith("max: dimension 5");
    assertThat(message(() -> x.mean(-3, true))).startsWith("mean: dimension -3");
    assertThat(message(() -> x.permute(0, 0))).isEqualTo("permute: dimension 0 repeats in [0, 0]");
    assertThat(message(() -> x.permute(0))).contains("has 1 entries for a tensor of shape [2, 3]");
    assertThat(message(() -> x.select(1, 3)))
        .isEqualTo("select: index 3 is out of range for dimension 1 of size 3");
    assertThat(message(() -> Tensor.scalar(1f).select(0, 0)))
        .isEqualTo("select: cannot select from a rank-0 tensor");
    assertThat(message(() -> x.sum(new int[] {1, -1}, false)))
        .isEqualTo("sum: dimension 1 appears twice");
  }

  @Test
  void reshapeToWrongSizeSaysBothSizes() {
    Tensor x = Tensor.zeros(2, 3);
    assertThat(message(() -> x.reshape(4, 2)))
        .isEqualTo("reshape: shape [4, 2] is invalid for input of size 6 (shape [2, 3])");
    assertThat(message(() -> x.reshape(4, -1)))
        .isEqualTo("reshape: shape [4, -1] is invalid for input of size 6 (shape [2, 3])");
    assertThat(message(() -> x.reshape(-1, -1)))
        .isEqualTo("reshape: only one dimension can be -1, got [-1, -1]");
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
