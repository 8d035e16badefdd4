package dev.lamina;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.annotations.DType;
import dev.lamina.ops.Add;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Int64 and bool tensors: creation, reading, conversion, views and copies, and the refusal of
 * float ops. Expected values are PyTorch 1.13's for the same calls.
 */
class TensorDTypeTest {
  private static final Tensor INTS = Tensor.ofLongs(new long[] {1, 2, 3, 4, 5, 6}, 2, 3);
  private static final Tensor FLOATS = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);

  @Test
  void factoriesMakeTheRequestedTypeAndShape() {
    Tensor longs = Tensor.ofLongs(7, -8, Long.MAX_VALUE);
    assertThat(longs.dtype()).isEqualTo(DType.INT64);
    assertThat(longs.shape()).isEqualTo(new int[] {3});
    assertThat(longs.toLongArray()).asList().containsExactly(7L, -8L, Long.MAX_VALUE).inOrder();

    Tensor mask = Tensor.ofBooleans(new boolean[] {true, false, false, true}, 2, 2);
    assertThat(mask.dtype()).isEqualTo(DType.BOOL);
    assertThat(mask.getBoolean(1, 1)).isTrue();
    assertThat(mask.getBoolean(0, 1)).isFalse();

    assertThat(Tensor.of(1f).dtype()).isEqualTo(DType.FLOAT32);
  }

  @Test
  void factoriesCopyTheirArguments() {
    long[] values = {1, 2};
    Tensor t = Tensor.ofLongs(values);
    values[0] = 99;
    assertThat(t.getLong(0)).isEqualTo(1L);
  }

  @Test
  void zerosOfEveryType() {
    assertThat(Tensor.zeros(DType.INT64, 2, 2).toLongArray()).asList().containsExactly(0L, 0L, 0L, 0L);
    assertThat(Tensor.zeros(DType.BOOL, 3).toBooleanArray()).asList().containsExactly(false, false, false);
    assertThat(Tensor.zeros(DType.FLOAT32, 2).toFloatArray()).usingExactEquality().containsExactly(0f, 0f);
    assertThat(INTS.zerosLike().dtype()).isEqualTo(DType.INT64);
  }

  @Test
  void rankZeroTensorsOfEveryType() {
    // num_batches_tracked: torch.tensor(0, dtype=torch.long), shape ().
    Tensor counter = Tensor.zeros(DType.INT64);
    assertThat(counter.shape()).isEmpty();
    assertThat(counter.longItem()).isEqualTo(0L);
    counter.addInPlace(1);
    counter.addInPlace(1);
    assertThat(counter.longItem()).isEqualTo(2L);
    assertThat(counter.getLong()).isEqualTo(2L);

    assertThat(Tensor.longScalar(-5).longItem()).isEqualTo(-5L);
    assertThat(Tensor.longScalar(-5).dim()).isEqualTo(0);
    assertThat(Tensor.booleanScalar(true).getBoolean()).isTrue();
    assertThat(Tensor.ofLongs(new long[] {9}).dim()).isEqualTo(1);
    assertThat(Tensor.ofLongs(new long[] {9}, new int[0]).dim()).isEqualTo(0);
    assertThat(Tensor.zeros(DType.BOOL).copy().toBooleanArray()).asList().containsExactly(false);
  }

  @Test
  void arangeIsInt64AsInTorch() {
    // torch.arange(5): tensor([0, 1, 2, 3, 4]), dtype torch.int64.
    Tensor r = Tensor.arange(5);
    assertThat(r.dtype()).isEqualTo(DType.INT64);
    assertThat(r.toLongArray()).asList().containsExactly(0L, 1L, 2L, 3L, 4L).inOrder();
    assertThat(Tensor.arange(0).shape()).isEqualTo(new int[] {0});
    // torch.arange(-3): "upper bound and larger bound inconsistent with step sign".
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.arange(-3));
    assertThat(e).hasMessageThat().isEqualTo("arange: a step of 1 leads away from -3 when starting at 0");
    assertThrows(IllegalArgumentException.class, () -> Tensor.arange(1L << 40));
  }

  @Test
  void itemAndLongItemConvertOneValueAsPython() {
    // float(torch.tensor(3)) is 3.0, float(torch.tensor(True)) is 1.0.
    assertThat(Tensor.longScalar(3).item()).isEqualTo(3f);
    assertThat(Tensor.booleanScalar(true).item()).isEqualTo(1f);
    // 2^24 + 1 has no float32; torch.tensor(2**24 + 1).float() is 16777216.
    assertThat(Tensor.longScalar((1 << 24) + 1).item()).isEqualTo(16777216f);
    assertThat(Tensor.ofLongs(4, 5).get(1)).isEqualTo(5f);
    // int(torch.tensor(2.7)) is 2, int(torch.tensor(-2.7)) is -2.
    assertThat(Tensor.scalar(2.7f).longItem()).isEqualTo(2L);
    assertThat(Tensor.scalar(-2.7f).longItem()).isEqualTo(-2L);
    assertThat(Tensor.booleanScalar(true).longItem()).isEqualTo(1L);
    assertThat(Tensor.longScalar(Long.MIN_VALUE).longItem()).isEqualTo(Long.MIN_VALUE);
    // int(torch.tensor(float("nan"))): "cannot convert float NaN to integer".
    assertThrows(ArithmeticException.class, () -> Tensor.scalar(Float.NaN).longItem());
    assertThrows(ArithmeticException.class, () -> Tensor.scalar(Float.POSITIVE_INFINITY).longItem());
    assertThrows(ArithmeticException.class, () -> Tensor.scalar(0x1p63f).longItem());
    assertThat(Tensor.scalar(-0x1p63f).longItem()).isEqualTo(Long.MIN_VALUE);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> INTS.longItem());
    assertThat(e).hasMessageThat().contains("longItem() needs a tensor with exactly one element");
  }

  @Test
  void typedAccessorsRefuseOtherTypes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, FLOATS::toLongArray);
    assertThat(e).hasMessageThat().isEqualTo("toLongArray: expected an int64 tensor, got float32 [2, 2]");
    e = assertThrows(IllegalArgumentException.class, INTS::toBooleanArray);
    assertThat(e).hasMessageThat().isEqualTo("toBooleanArray: expected a bool tensor, got int64 [2, 3]");
    e = assertThrows(IllegalArgumentException.class, INTS::toFloatArray);
    assertThat(e).hasMessageThat().isEqualTo("toFloatArray: expected float32 tensors, got int64 [2, 3]");
  }

  @Test
  void floatToInt64TruncatesTowardZero() {
    // torch.tensor([2.5, -2.5, 0.9, -0.9, 1e10]).long(): tensor([2, -2, 0, 0, 10000000000]).
    Tensor t = Tensor.of(2.5f, -2.5f, 0.9f, -0.9f, 1e10f).to(DType.INT64);
    assertThat(t.dtype()).isEqualTo(DType.INT64);
    assertThat(t.toLongArray()).asList().containsExactly(2L, -2L, 0L, 0L, 10000000000L).inOrder();
  }

  @Test
  void int64ToFloatRoundsToNearestEven() {
    // torch.tensor([2**24 + 1, 2**24 + 3, -7]).float(): tensor([16777216., 16777220., -7.]).
    Tensor t = Tensor.ofLongs((1 << 24) + 1, (1 << 24) + 3, -7).to(DType.FLOAT32);
    assertThat(t.toFloatArray()).usingExactEquality().containsExactly(16777216f, 16777220f, -7f).inOrder();
  }

  @Test
  void conversionsToAndFromBool() {
    // torch.tensor([0., -0., 2., nan]).bool(): tensor([False, False,  True,  True]).
    assertThat(Tensor.of(0f, -0f, 2f, Float.NaN).to(DType.BOOL).toBooleanArray()).asList()
        .containsExactly(false, false, true, true).inOrder();
    assertThat(Tensor.ofLongs(0, -3).to(DType.BOOL).toBooleanArray()).asList()
        .containsExactly(false, true).inOrder();
    Tensor mask = Tensor.ofBooleans(true, false);
    assertThat(mask.to(DType.INT64).toLongArray()).asList().containsExactly(1L, 0L).inOrder();
    assertThat(mask.to(DType.FLOAT32).toFloatArray()).usingExactEquality().containsExactly(1f, 0f).inOrder();
    assertThat(mask.to(DType.BOOL)).isSameInstanceAs(mask);
  }

  @Test
  void conversionReadsViewsInRowMajorOrder() {
    Tensor transposed = INTS.t().to(DType.FLOAT32);
    assertThat(transposed.shape()).isEqualTo(new int[] {3, 2});
    assertThat(transposed.toFloatArray()).usingExactEquality()
        .containsExactly(1f, 4f, 2f, 5f, 3f, 6f).inOrder();
  }

  @Test
  void viewsOfInt64ShareStorage() {
    Tensor base = Tensor.ofLongs(new long[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Tensor transposed = base.transpose(0, 1);
    Tensor row = base.select(0, 1);
    Tensor column = base.slice(1, 1, 3);
    Tensor flat = base.reshape(-1);
    base.addInPlace(10);
    assertThat(transposed.dtype()).isEqualTo(DType.INT64);
    assertThat(transposed.toLongArray()).asList().containsExactly(11L, 14L, 12L, 15L, 13L, 16L).inOrder();
    assertThat(row.toLongArray()).asList().containsExactly(14L, 15L, 16L).inOrder();
    assertThat(column.toLongArray()).asList().containsExactly(12L, 13L, 15L, 16L).inOrder();
    assertThat(flat.shape()).isEqualTo(new int[] {6});
    assertThat(base.permute(1, 0).getLong(2, 1)).isEqualTo(16L);
    assertThat(base.unsqueeze(0).shape()).isEqualTo(new int[] {1, 2, 3});
    assertThat(base.slice(1, 0, 3, 2).toLongArray()).asList().containsExactly(11L, 13L, 14L, 16L).inOrder();
  }

  @Test
  void reshapeOfANonContiguousViewCopies() {
    // torch.arange(6).reshape(2, 3).t().reshape(6): tensor([0, 3, 1, 4, 2, 5]).
    Tensor t = Tensor.arange(6).reshape(2, 3).t();
    assertThat(t.isContiguous()).isFalse();
    Tensor flat = t.reshape(6);
    assertThat(flat.toLongArray()).asList().containsExactly(0L, 3L, 1L, 4L, 2L, 5L).inOrder();
    Tensor copy = t.contiguous();
    assertThat(copy.isContiguous()).isTrue();
    assertThat(copy.dtype()).isEqualTo(DType.INT64);
    assertThat(copy.toLongArray()).asList().containsExactly(0L, 3L, 1L, 4L, 2L, 5L).inOrder();
  }

  @Test
  void boolViewsAndExpand() {
    Tensor mask = Tensor.ofBooleans(new boolean[] {true, false, false, true, true, false}, 2, 3);
    assertThat(mask.t().toBooleanArray()).asList()
        .containsExactly(true, true, false, true, false, false).inOrder();
    assertThat(mask.select(1, 2).toBooleanArray()).asList().containsExactly(false, false).inOrder();
    Tensor expanded = Tensor.ofBooleans(true, false).reshape(2, 1).expand(2, 3);
    assertThat(expanded.toBooleanArray()).asList()
        .containsExactly(true, true, true, false, false, false).inOrder();
    assertThat(mask.flatten(0).squeeze().shape()).isEqualTo(new int[] {6});
  }

  @Test
  void copyHasItsOwnStorage() {
    Tensor base = Tensor.ofLongs(1, 2, 3);
    Tensor copy = base.copy();
    base.addInPlace(5);
    assertThat(copy.toLongArray()).asList().containsExactly(1L, 2L, 3L).inOrder();
    assertThat(base.detach().dtype()).isEqualTo(DType.INT64);
    assertThat(base.detach().toLongArray()).asList().containsExactly(6L, 7L, 8L).inOrder();
  }

  @Test
  void copyFromWritesThroughAView() {
    Tensor target = Tensor.zeros(DType.INT64, 2, 2);
    target.t().copyFrom(Tensor.ofLongs(new long[] {1, 2, 3, 4}, 2, 2));
    assertThat(target.toLongArray()).asList().containsExactly(1L, 3L, 2L, 4L).inOrder();

    Tensor mask = Tensor.zeros(DType.BOOL, 3);
    mask.slice(0, 1, 3).copyFrom(Tensor.ofBooleans(true, true));
    assertThat(mask.toBooleanArray()).asList().containsExactly(false, true, true).inOrder();
  }

  @Test
  void copyFromRefusesAnotherType() {
    Tensor counter = Tensor.zeros(DType.INT64);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> counter.copyFrom(Tensor.scalar(3f)));
    assertThat(e).hasMessageThat().isEqualTo(
        "copyFrom: source is float32 [], expected int64 []; convert it with to(DType.INT64)");
    e = assertThrows(IllegalArgumentException.class,
        () -> FLOATS.copy().copyFrom(Tensor.ofBooleans(new boolean[4], 2, 2)));
    assertThat(e).hasMessageThat().contains("source is bool [2, 2], expected float32 [2, 2]");
  }

  @Test
  void addInPlaceOfALongWrapsAroundAndWritesOnlyTheView() {
    // t = torch.tensor(2**63 - 1); t += 1 gives tensor(-9223372036854775808).
    Tensor big = Tensor.longScalar(Long.MAX_VALUE);
    big.addInPlace(1);
    assertThat(big.longItem()).isEqualTo(Long.MIN_VALUE);

    Tensor base = Tensor.ofLongs(new long[] {1, 2, 3, 4}, 2, 2);
    base.select(1, 0).addInPlace(-1);
    assertThat(base.toLongArray()).asList().containsExactly(0L, 2L, 2L, 4L).inOrder();

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FLOATS.addInPlace(1));
    assertThat(e).hasMessageThat().isEqualTo("addInPlace: expected an int64 tensor, got float32 [2, 2]");
  }

  @Test
  void onlyFloatTensorsRequireGradients() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Tensor.ofLongs(1, 2, 3).requiresGrad(true));
    assertThat(e).hasMessageThat().isEqualTo(
        "requiresGrad: only float32 tensors can require gradients, got int64 [3] (PyTorch: only"
            + " Tensors of floating point dtype can require gradients)");
    assertThrows(IllegalStateException.class, () -> Tensor.ofBooleans(true).requiresGrad(true));
    assertThat(Tensor.ofLongs(1).requiresGrad(false).requiresGrad()).isFalse();
    assertThrows(IllegalArgumentException.class,
        () -> Tensor.of(1f, 2f).requiresGrad(true).setGrad(Tensor.ofLongs(1, 2)));
  }

  @Test
  void equalComparesTypeShapeAndValues() {
    assertThat(Tensor.arange(3).equal(Tensor.ofLongs(0, 1, 2))).isTrue();
    assertThat(Tensor.arange(3).equal(Tensor.ofLongs(0, 1, 3))).isFalse();
    assertThat(Tensor.arange(3).equal(Tensor.of(0f, 1f, 2f))).isFalse();
    assertThat(Tensor.arange(4).reshape(2, 2).equal(Tensor.arange(4))).isFalse();
    assertThat(INTS.t().equal(Tensor.ofLongs(new long[] {1, 4, 2, 5, 3, 6}, 3, 2))).isTrue();
    assertThat(Tensor.ofBooleans(true).equal(Tensor.ofBooleans(true))).isTrue();
    // torch.equal: NaN differs from itself, -0.0 equals 0.0.
    assertThat(Tensor.of(Float.NaN).equal(Tensor.of(Float.NaN))).isFalse();
    assertThat(Tensor.of(-0f).equal(Tensor.of(0f))).isTrue();
  }

  static Stream<Arguments> floatOps() {
    Tensor longs = Tensor.ofLongs(new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 3, 4);
    Tensor mask = Tensor.ofBooleans(true, false);
    Tensor floats = Tensor.ones(4, 3);
    return Stream.of(
        op("matmul", "matmul: expected float32 tensors, got int64 [3, 4]", () -> longs.matmul(floats)),
        op("matmul of floats by int64", "matmul: expected float32 tensors, got int64 [4, 3]",
            () -> floats.t().matmul(longs.t())),
        op("add", "add: expected float32 tensors, got int64 [3, 4]", () -> longs.add(1f)),
        op("add an int64 operand", "add: expected float32 tensors, got int64 [3, 4]",
            () -> Tensor.ones(3, 4).add(longs)),
        op("mul of bool", "mul: expected float32 tensors, got bool [2]", () -> mask.mul(mask)),
        op("exp", "exp: expected float32 tensors, got int64 [3, 4]", longs::exp),
        op("relu", "relu: expected float32 tensors, got bool [2]", mask::relu),
        op("sum", "sum: expected float32 tensors, got int64 [3, 4]", longs::sum),
        op("mean", "mean: expected float32 tensors, got int64 [3, 4]", () -> longs.mean(1, false)),
        // max and argmax flatten first, a view that is still int64.
        op("max", "max: expected float32 tensors, got int64 [12]", longs::max),
        op("argmax", "argmax: expected float32 tensors, got int64 [12]", longs::argmax),
        op("softmax", "softmax: expected float32 tensors, got int64 [3, 4]", () -> longs.softmax(1)),
        op("linear", "linear: expected float32 tensors, got int64 [3, 4]",
            () -> longs.linear(Tensor.ones(2, 4), null)),
        op("cat", "cat: expected float32 tensors, got int64 [3, 4]", () -> Tensor.cat(0, longs, longs)),
        op("fill", "fill: expected float32 tensors, got int64 [3, 4]", () -> longs.copy().fill(0f)),
        op("set", "set: expected float32 tensors, got int64 [3, 4]", () -> longs.copy().set(0f, 0, 0)),
        op("addInPlace of a tensor", "addInPlace: expected float32 tensors, got int64 [3, 4]",
            () -> Tensor.zeros(3, 4).addInPlace(longs)),
        op("storage", "storage: expected float32 tensors, got bool [2]", mask::storage),
        op("an op class called directly", "Add: expected float32 tensors, got int64 [3, 4]",
            () -> Add.apply(longs, longs)));
  }

  private static Arguments op(String name, String message, Runnable call) {
    return Arguments.of(name, message, (Consumer<String>) unused -> call.run());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("floatOps")
  void floatOpsRefuseOtherTypesNamingTheOp(String name, String message, Consumer<String> call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> call.accept(name));
    assertThat(e).hasMessageThat().isEqualTo(message);
  }
}
