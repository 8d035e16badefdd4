package dev.lamina;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** Creating tensors and reading them back: shapes, values, views, seeded randomness. */
class TensorCreationTest {
  @Test
  void ofCopiesValuesIntoAVector() {
    float[] values = {1, 2, 3};
    Tensor t = Tensor.of(values);
    values[0] = 99;
    assertThat(t.shape()).isEqualTo(new int[] {3});
    assertThat(t.dim()).isEqualTo(1);
    assertThat(t.numel()).isEqualTo(3);
    assertThat(t.toFloatArray()).usingExactEquality().containsExactly(1f, 2f, 3f).inOrder();
  }

  @Test
  void ofWithShapeIsRowMajor() {
    Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    assertThat(t.get(0, 2)).isEqualTo(3f);
    assertThat(t.get(1, 0)).isEqualTo(4f);
    assertThat(t.get(-1, -1)).isEqualTo(6f);
    assertThat(t.size(-1)).isEqualTo(3);
    assertThat(t.stride()).isEqualTo(new int[] {3, 1});
  }

  @Test
  void nestedArrays() {
    Tensor matrix = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
    assertThat(matrix.shape()).isEqualTo(new int[] {2, 3});
    assertThat(matrix.get(1, 2)).isEqualTo(6f);
    Tensor cube = Tensor.of(new float[][][] {{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}, {{9, 10}, {11, 12}}});
    assertThat(cube.shape()).isEqualTo(new int[] {3, 2, 2});
    assertThat(cube.get(2, 1, 0)).isEqualTo(11f);
    assertThat(cube.requiresGrad()).isFalse();
    assertThat(cube.isLeaf()).isTrue();
  }

  @Test
  void scalarHasRankZero() {
    Tensor s = Tensor.scalar(2.5f);
    assertThat(s.shape()).isEmpty();
    assertThat(s.dim()).isEqualTo(0);
    assertThat(s.numel()).isEqualTo(1);
    assertThat(s.item()).isEqualTo(2.5f);
    assertThat(s.get()).isEqualTo(2.5f);
    assertThat(Tensor.ones(1, 1).item()).isEqualTo(1f);
  }

  @Test
  void constantsAndRanges() {
    assertThat(Tensor.zeros(2, 2).toFloatArray()).usingExactEquality().containsExactly(0f, 0f, 0f, 0f);
    assertThat(Tensor.ones(3).toFloatArray()).usingExactEquality().containsExactly(1f, 1f, 1f);
    assertThat(Tensor.full(7f, 2, 1).shape()).isEqualTo(new int[] {2, 1});
    assertThat(Tensor.full(7f, 2, 1).toFloatArray()).usingExactEquality().containsExactly(7f, 7f);
    assertThat(Tensor.zeros().shape()).isEmpty();
    assertThat(Tensor.zeros(0, 3).numel()).isEqualTo(0);
    assertThat(Tensor.arange(5).toLongArray()).asList().containsExactly(0L, 1L, 2L, 3L, 4L).inOrder();
    assertThat(Tensor.arange(1, 2, 0.25f).toFloatArray()).usingExactEquality()
        .containsExactly(1f, 1.25f, 1.5f, 1.75f).inOrder();
    assertThat(Tensor.arange(5, 0, -2).toFloatArray()).usingExactEquality()
        .containsExactly(5f, 3f, 1f).inOrder();
    assertThat(Tensor.arange(0).numel()).isEqualTo(0);
  }

  @Test
  void globalSeedMakesRandomTensorsReproducible() {
    Generator.manualSeed(42);
    Tensor a = Tensor.rand(3, 4);
    Tensor b = Tensor.randn(5);
    Generator.manualSeed(42);
    assertThat(Tensor.rand(3, 4).toFloatArray()).isEqualTo(a.toFloatArray());
    assertThat(Tensor.randn(5).toFloatArray()).isEqualTo(b.toFloatArray());
    Generator.manualSeed(43);
    assertThat(Tensor.rand(3, 4).toFloatArray()).isNotEqualTo(a.toFloatArray());
  }

  @Test
  void explicitGeneratorIsIndependentOfGlobalDraws() {
    Tensor first = Tensor.randn(new Generator(7), 6);
    Generator generator = new Generator(7);
    Tensor.rand(100); // draws from the global generator in between
    assertThat(Tensor.randn(generator, 6).toFloatArray()).isEqualTo(first.toFloatArray());
    generator.setSeed(7);
    assertThat(Tensor.randn(generator, 6).toFloatArray()).isEqualTo(first.toFloatArray());
  }

  @Test
  void randIsInUnitIntervalAndRandnIsStandardNormal() {
    // 100,000 draws at a fixed seed: mean within 6 standard errors, std within 2%.
    float[] uniform = Tensor.rand(new Generator(5), 100_000).toFloatArray();
    float[] normal = Tensor.randn(new Generator(5), 100_000).toFloatArray();
    double sum = 0;
    for (float v : uniform) {
      assertThat(v).isAtLeast(0f);
      assertThat(v).isLessThan(1f);
      sum += v;
    }
    assertThat(sum / uniform.length).isWithin(6 * Math.sqrt(1.0 / 12 / 100_000)).of(0.5);
    double total = 0;
    double squares = 0;
    for (float v : normal) {
      total += v;
      squares += (double) v * v;
    }
    assertThat(total / normal.length).isWithin(6 / Math.sqrt(100_000)).of(0.0);
    assertThat(Math.sqrt(squares / normal.length)).isWithin(0.02).of(1.0);
  }

  @Test
  void shapeAndStrideAreCopies() {
    Tensor t = Tensor.zeros(2, 3);
    t.shape()[0] = 9;
    t.stride()[0] = 9;
    assertThat(t.shape()).isEqualTo(new int[] {2, 3});
    assertThat(t.stride()).isEqualTo(new int[] {3, 1});
  }

  @Test
  void setWritesOneElement() {
    Tensor t = Tensor.zeros(2, 2);
    t.set(5f, 1, 0);
    t.set(6f, -1, -1);
    assertThat(t.toFloatArray()).usingExactEquality().containsExactly(0f, 0f, 5f, 6f).inOrder();
  }

  @Test
  void viewsShareStorageAndReadInTheirOwnOrder() {
    Tensor t = Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 2, 3);
    Tensor transposed = t.t();
    assertThat(transposed.storage()).isSameInstanceAs(t.storage());
    assertThat(transposed.isContiguous()).isFalse();
    assertThat(transposed.toFloatArray()).usingExactEquality()
        .containsExactly(0f, 3f, 1f, 4f, 2f, 5f).inOrder();
    assertThat(t.slice(1, 0, 3, 2).toFloatArray()).usingExactEquality()
        .containsExactly(0f, 2f, 3f, 5f).inOrder();
    assertThat(t.slice(0, 1, 2).toFloatArray()).usingExactEquality()
        .containsExactly(3f, 4f, 5f).inOrder();
    assertThat(t.select(1, 1).toFloatArray()).usingExactEquality().containsExactly(1f, 4f).inOrder();
    assertThat(t.slice(0, 1, 2).expand(3, 3).toFloatArray()).usingExactEquality()
        .containsExactly(3f, 4f, 5f, 3f, 4f, 5f, 3f, 4f, 5f).inOrder();
    assertThat(t.reshape(3, 2).storage()).isSameInstanceAs(t.storage());
    assertThat(transposed.contiguous().isContiguous()).isTrue();
    assertThat(transposed.contiguous().storage()).isNotSameInstanceAs(t.storage());
    // Size-1 dimensions come and go without a copy, whatever the strides; merging transposed
    // dimensions needs one.
    assertThat(transposed.unsqueeze(0).storage()).isSameInstanceAs(t.storage());
    assertThat(transposed.unsqueeze(0).squeeze().storage()).isSameInstanceAs(t.storage());
    assertThat(transposed.reshape(6).storage()).isNotSameInstanceAs(t.storage());
    assertThat(transposed.reshape(6).toFloatArray()).usingExactEquality()
        .containsExactly(0f, 3f, 1f, 4f, 2f, 5f).inOrder();

    t.set(9f, 0, 1);
    assertThat(transposed.get(1, 0)).isEqualTo(9f);
  }

  @Test
  void toFloatArrayIsACopy() {
    Tensor t = Tensor.of(1f, 2f);
    t.toFloatArray()[0] = 5f;
    assertThat(t.get(0)).isEqualTo(1f);
  }

  @Test
  void reductionsOverDimZeroOfARankZeroTensor() {
    Tensor s = Tensor.scalar(3f);
    assertThat(s.sum(0, false).item()).isEqualTo(3f);
    assertThat(s.mean(0, false).item()).isEqualTo(3f);
    assertThat(s.mean(-1, true).shape()).isEmpty();
    assertThat(s.max(0, false).item()).isEqualTo(3f);
    assertThat(s.argmax(0, false).item()).isEqualTo(0f);
  }

  @Test
  void inPlaceHelpersWorkOnViews() {
    Tensor t = Tensor.zeros(2, 3);
    Tensor column = t.select(1, 1);
    column.fill(2f);
    column.addInPlace(Tensor.of(1f, 3f));
    t.slice(1, 2, 3).copyFrom(Tensor.of(new float[] {7, 8}, 2, 1));
    assertThat(t.toFloatArray()).usingExactEquality()
        .containsExactly(0f, 3f, 7f, 0f, 5f, 8f).inOrder();
    t.axpyInPlace(2f, Tensor.of(1f, 0f, 0f));
    assertThat(t.toFloatArray()).usingExactEquality()
        .containsExactly(2f, 3f, 7f, 2f, 5f, 8f).inOrder();
  }
}
