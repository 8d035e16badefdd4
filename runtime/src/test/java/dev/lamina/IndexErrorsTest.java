package dev.lamina;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.annotations.DType;
import dev.lamina.loss.Losses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What the ops on int64 indices and bool masks refuse, and how they say it: a float where an index
 * is expected is an error naming the op and the dtype, never a truncation; a bad index is named
 * with its position; negative indices are refused where PyTorch refuses them.
 */
class IndexErrorsTest {
  private static final Tensor X = Tensor.randn(2, 3);
  private static final Tensor WEIGHT = Tensor.randn(10, 3);

  @Test
  void floatIndicesAreRefusedNamingTheOpAndTheDtype() {
    assertMessage("embedding: ids must be int64, got float32 [4]; convert it with to(DType.INT64)",
        () -> Tensor.embedding(Tensor.of(1f, 2f, 3f, 4f), WEIGHT));
    assertMessage("gather: index must be int64, got float32 [2, 1]; convert it with"
            + " to(DType.INT64)",
        () -> X.gather(1, Tensor.zeros(2, 1)));
    assertMessage("indexSelect: index must be int64, got bool [2]; convert it with"
            + " to(DType.INT64)",
        () -> X.indexSelect(0, Tensor.ofBooleans(true, false)));
    assertMessage("crossEntropy: target must hold int64 class indices, got float32 [2]; convert"
            + " it with to(DType.INT64)",
        () -> Losses.crossEntropy(X, Tensor.of(0f, 1f)));
  }

  @Test
  void idsOutOfRangeAreNamedWithTheirPosition() {
    Tensor ids = Tensor.ofLongs(new long[] {1, 2, 3, 10}, 2, 2);
    assertMessage("embedding: id 10 at position [1, 1] is out of range for 10 embeddings (ids count"
            + " from 0)",
        () -> Tensor.embedding(ids, WEIGHT));
    assertMessage("embedding: id -1 at position [2] is out of range for 10 embeddings (ids count"
            + " from 0)",
        () -> Tensor.embedding(Tensor.ofLongs(0, 9, -1), WEIGHT));
    assertMessage("crossEntropy: target 3 at position 1 is out of range for 3 classes"
            + " (ignoreIndex is -100)",
        () -> Losses.crossEntropy(X, Tensor.ofLongs(0, 3)));
    assertMessage("crossEntropy: target 5 at position [1, 0] is out of range for 3 classes"
            + " (ignoreIndex is -100)",
        () -> Losses.crossEntropy(Tensor.zeros(2, 3, 2),
            Tensor.ofLongs(new long[] {0, 1, 5, 2}, 2, 2)));
  }

  @Test
  void gatherAndIndexSelectRefuseNegativeIndicesAsPytorchDoes() {
    assertMessage("gather: index -1 at position [1, 0] is out of range for dimension 1 of size 3"
            + " (indices count from 0; negative ones are refused, as by torch.gather)",
        () -> X.gather(1, Tensor.ofLongs(new long[] {0, -1}, 2, 1)));
    assertMessage("gather: index 2 at position [0, 0] is out of range for dimension 0 of size 2"
            + " (indices count from 0; negative ones are refused, as by torch.gather)",
        () -> X.gather(0, Tensor.ofLongs(new long[] {2}, 1, 1)));
    assertMessage("indexSelect: index -3 at position [1] is out of range for dimension 1 of size 3"
            + " (indices count from 0; negative ones are refused, as by torch.index_select)",
        () -> X.indexSelect(-1, Tensor.ofLongs(0, -3)));
  }

  @Test
  void shapesThatDoNotFitAreRefused() {
    assertMessage("gather: index has shape [2] but input has shape [2, 3]; their ranks must be"
            + " equal",
        () -> X.gather(1, Tensor.ofLongs(0, 1)));
    assertMessage("gather: index has shape [3, 1], larger than input shape [2, 3] in dimension 0"
            + " (only dimension 1 may be)",
        () -> X.gather(1, Tensor.ofLongs(new long[] {0, 1, 2}, 3, 1)));
    assertMessage("indexSelect: index must be 1-d, got shape [1, 1]",
        () -> X.indexSelect(0, Tensor.ofLongs(new long[] {0}, 1, 1)));
    assertMessage("indexSelect: cannot select from a rank-0 tensor",
        () -> Tensor.scalar(1f).indexSelect(0, Tensor.ofLongs(0)));
    assertMessage("embedding: weight must be 2-d [numEmbeddings, embeddingDim], got shape [10]",
        () -> Tensor.embedding(Tensor.ofLongs(1), Tensor.zeros(10)));
    assertMessage("embedding: paddingIdx 10 is out of range for 10 embeddings",
        () -> Tensor.embedding(Tensor.ofLongs(1), WEIGHT, 10));
    assertMessage("crossEntropy: target has shape [3] but logits of shape [2, 3] need a target of"
            + " shape [2]",
        () -> Losses.crossEntropy(X, Tensor.ofLongs(0, 1, 2)));
    assertMessage("maskedFill: mask of shape [2, 1, 3] does not broadcast to the input's shape"
            + " [2, 3]",
        () -> X.maskedFill(Tensor.zeros(DType.BOOL, 2, 1, 3), 0f));
    assertMessage("gt: shapes [2, 3] and [2]: 3 and 2 differ and neither is 1, so they do not"
            + " broadcast",
        () -> X.gt(Tensor.zeros(2)));
  }

  @Test
  void masksMustBeBool() {
    assertMessage("where: expected bool tensors, got float32 [2, 3]",
        () -> Tensor.where(X, X, X));
    assertMessage("where: expected bool tensors, got int64 [3]",
        () -> X.maskedFill(Tensor.ofLongs(1, 0, 1), 0f));
    assertMessage("logicalAnd: expected bool tensors, got float32 [2, 3]",
        () -> Tensor.ofBooleans(true).logicalAnd(X));
    assertMessage("logicalNot: expected bool tensors, got int64 [2]",
        () -> Tensor.ofLongs(0, 1).logicalNot());
  }

  @Test
  void whereTakesFloatValuesOnly() {
    Tensor mask = Tensor.ofBooleans(true, false);
    assertMessage("where: expected float32 tensors, got int64 [2]",
        () -> Tensor.where(mask, Tensor.ofLongs(1, 2), Tensor.zeros(2)));
  }

  private static void assertMessage(String expected, Executable call) {
    assertThat(assertThrows(IllegalArgumentException.class, call)).hasMessageThat()
        .isEqualTo(expected);
  }
}
