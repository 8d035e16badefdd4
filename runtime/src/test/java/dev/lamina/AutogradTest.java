package dev.lamina;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** How gradients flow: accumulation, broadcasting, detaching, no-grad scopes, deep graphs. Expected values by hand. */
class AutogradTest {
  @Test
  void tensorUsedTwiceInOneOpGetsBothContributions() {
    Tensor x = Tensor.of(1f, -2f, 3f).requiresGrad(true);
    x.mul(x).sum().backward();
    assertThat(x.grad().toFloatArray()).usingExactEquality().containsExactly(2f, -4f, 6f).inOrder();

    Tensor y = Tensor.of(1f, -2f, 3f).requiresGrad(true);
    y.add(y).sum().backward();
    assertThat(y.grad().toFloatArray()).usingExactEquality().containsExactly(2f, 2f, 2f).inOrder();
  }

  @Test
  void slicesAndSelectedRowsAddTheirGradientIntoTheirWindowOnly() {
    // z = 2x; loss = sum(z) + 3 sum(z[1, :]) + sum(z[:, 2:5]) + sum over every row t of t * z[t, 0].
    Tensor x = Tensor.zeros(4, 6).requiresGrad(true);
    Tensor z = x.mul(2f);
    Tensor loss = z.sum().add(z.select(0, 1).sum().mul(3f)).add(z.slice(1, 2, 5).sum());
    for (int t = 0; t < 4; t++) {
      loss = loss.add(z.select(0, t).select(0, 0).mul((float) t));
    }
    loss.backward();
    float[] expected = new float[24];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 6; j++) {
        float dz = 1 + (i == 1 ? 3 : 0) + (j >= 2 && j < 5 ? 1 : 0) + (j == 0 ? i : 0);
        expected[i * 6 + j] = 2 * dz;
      }
    }
    assertThat(x.grad().toFloatArray()).usingExactEquality().containsExactly(expected).inOrder();
  }

  @Test
  void aGradientSharedByTwoInputsIsNotChangedByWhatLaterReachesOne() {
    // The sum hands one gradient to s and t; the slice of s then adds to s's alone.
    Tensor x = Tensor.of(1f, 1f, 1f).requiresGrad(true);
    Tensor s = x.mul(2f);
    Tensor t = x.mul(3f);
    s.add(t).sum().add(s.slice(0, 0, 1).sum()).add(s.mul(1f).sum()).backward();
    // d/dx = 2 (1 + [j == 0] + 1) + 3
    assertThat(x.grad().toFloatArray()).usingExactEquality().containsExactly(9f, 7f, 7f).inOrder();
  }

  @Test
  void intermediateUsedByTwoBranchesSumsThem() {
    // z = y^2 + y with y = 2x: dz/dx = (2y + 1) * 2 = 8x + 2.
    Tensor x = Tensor.of(0.5f, -1f).requiresGrad(true);
    Tensor y = x.mul(2f);
    y.mul(y).add(y).sum().backward();
    assertThat(x.grad().toFloatArray()).usingExactEquality().containsExactly(6f, -6f).inOrder();
  }

  @Test
  void gradientsAreSummedOverBroadcastDimensions() {
    Tensor a = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}}).requiresGrad(true);
    Tensor row = Tensor.of(10f, 20f, 30f).requiresGrad(true);
    Tensor column = Tensor.of(new float[] {2, 3}, 2, 1).requiresGrad(true);
    Tensor scalar = Tensor.scalar(0.5f).requiresGrad(true);
    a.add(row).mul(column).mul(scalar).sum().backward();

    assertThat(row.grad().shape()).isEqualTo(new int[] {3});
    // d/d row_j = sum_i column_i * scalar = (2 + 3) * 0.5
    assertThat(row.grad().toFloatArray()).usingExactEquality().containsExactly(2.5f, 2.5f, 2.5f);
    assertThat(column.grad().shape()).isEqualTo(new int[] {2, 1});
    // d/d column_i = sum_j (a_ij + row_j) * scalar
    assertThat(column.grad().toFloatArray()).usingExactEquality()
        .containsExactly((11 + 22 + 33) * 0.5f, (14 + 25 + 36) * 0.5f).inOrder();
    assertThat(scalar.grad().shape()).isEqualTo(new int[0]);
    assertThat(scalar.grad().item()).isEqualTo(2 * 66f + 3 * 75f);
    assertThat(a.grad().toFloatArray()).usingExactEquality()
        .containsExactly(1f, 1f, 1f, 1.5f, 1.5f, 1.5f).inOrder();
  }

  @Test
  void detachSharesValuesButStopsTheGradient() {
    Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
    Tensor detached = x.mul(3f).detach();
    assertThat(detached.requiresGrad()).isFalse();
    assertThat(detached.gradFn()).isNull();
    assertThat(detached.toFloatArray()).usingExactEquality().containsExactly(3f, 6f).inOrder();

    x.detach().mul(x).sum().backward();
    // Only the non-detached factor carries a gradient: d/dx (c * x) = c.
    assertThat(x.grad().toFloatArray()).usingExactEquality().containsExactly(1f, 2f).inOrder();
  }

  @Test
  void noGradScopeRecordsNothingAndNests() {
    Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
    assertThat(NoGrad.isGradEnabled()).isTrue();
    NoGrad outer = NoGrad.enter();
    Tensor y = x.mul(2f).exp();
    assertThat(y.requiresGrad()).isFalse();
    assertThat(y.gradFn()).isNull();
    NoGrad inner = NoGrad.enter();
    assertThat(NoGrad.isGradEnabled()).isFalse();
    inner.close();
    assertThat(NoGrad.isGradEnabled()).isFalse();
    assertThat(x.add(1f).requiresGrad()).isFalse();
    outer.close();
    outer.close(); // closing twice must not leave an unbalanced count
    assertThat(NoGrad.isGradEnabled()).isTrue();
    Tensor recorded = x.mul(2f);
    assertThat(recorded.requiresGrad()).isTrue();
    assertThat(recorded.gradFn()).isNotNull();
  }

  @Test
  @SuppressWarnings("try") // the scope is used for its effect, not referenced
  void noGradScopeEndsWhenTryBlockThrows() {
    Tensor x = Tensor.of(1f).requiresGrad(true);
    assertThrows(IllegalStateException.class, () -> {
      try (NoGrad scope = NoGrad.enter()) {
        assertThat(x.mul(2f).requiresGrad()).isFalse();
        throw new IllegalStateException("fails inside the scope");
      }
    });
    assertThat(NoGrad.isGradEnabled()).isTrue();
  }

  @Test
  void deepChainIsWalkedWithoutStackOverflow() {
    Tensor x = Tensor.scalar(1f).requiresGrad(true);
    Tensor y = x;
    for (int i = 0; i < 100_000; i++) {
      y = y.add(1e-3f);
    }
    y.backward();
    assertThat(x.grad().item()).isEqualTo(1f);
    assertThat(y.item()).isWithin(1e-1f).of(101f);
  }

  @Test
  void backwardWithGradientComputesVectorJacobianProduct() {
    Tensor x = Tensor.of(new float[][] {{1, 2}, {3, 4}}).requiresGrad(true);
    Tensor y = x.mul(x); // dy/dx = 2x, element-wise
    y.backward(Tensor.of(new float[][] {{1, 0}, {0.5f, -1}}));
    assertThat(x.grad().toFloatArray()).usingExactEquality()
        .containsExactly(2f, 0f, 3f, -8f).inOrder();
  }

  @Test
  void backwardWithGradientOfWrongShapeIsRefused() {
    Tensor y = Tensor.of(1f, 2f).requiresGrad(true).mul(2f);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> y.backward(Tensor.of(1f, 2f, 3f)));
    assertThat(e).hasMessageThat().contains("[3]");
    assertThat(e).hasMessageThat().contains("[2]");
  }

  @Test
  void gradientsAccumulateAcrossBackwardCallsUntilCleared() {
    Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
    x.mul(3f).sum().backward();
    x.mul(x).sum().backward();
    // 3 + 2x, as PyTorch's .grad after two backward passes
    assertThat(x.grad().toFloatArray()).usingExactEquality().containsExactly(5f, 7f).inOrder();

    Tensor loss = x.mul(4f).sum();
    loss.backward();
    loss.backward();
    assertThat(x.grad().toFloatArray()).usingExactEquality().containsExactly(13f, 15f).inOrder();

    x.setGrad(null);
    x.sum().backward();
    assertThat(x.grad().toFloatArray()).usingExactEquality().containsExactly(1f, 1f).inOrder();
  }

  @Test
  void onlyLeavesKeepGradients() {
    Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
    Tensor constant = Tensor.of(5f, 6f);
    Tensor hidden = x.mul(constant);
    hidden.sum().backward();
    assertThat(hidden.isLeaf()).isFalse();
    assertThat(hidden.grad()).isNull();
    assertThat(constant.grad()).isNull();
    assertThat(x.grad().toFloatArray()).usingExactEquality().containsExactly(5f, 6f).inOrder();
  }

  @Test
  void backwardWithoutAnythingToDifferentiateExplainsWhy() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Tensor.of(1f).sum().backward());
    assertThat(e).hasMessageThat().contains("does not require grad");
  }

  @Test
  void computedTensorCannotStopRequiringGrad() {
    Tensor y = Tensor.of(1f).requiresGrad(true).exp();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.requiresGrad(false));
    assertThat(e).hasMessageThat().contains("detach()");
  }

  @Test
  void gradFnNamesTheOp() {
    Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
    assertThat(x.sum().gradFn().name()).isEqualTo("SumBackward0");
    assertThat(x.reshape(2, 1).gradFn().name()).isEqualTo("ViewBackward0");
  }
}
