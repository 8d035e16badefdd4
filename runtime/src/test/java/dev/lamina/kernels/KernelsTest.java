package dev.lamina.kernels;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The loops copied per op compute their own formula, over every broadcast of shapes up to 3x3x3;
 * the sums of the normalizations equal sequential ones over every short run; im2col's fold is
 * the adjoint of its unfold.
 */
class KernelsTest {
  private static final BinaryKernel SUBTRACT = BinaryKernel.of((a, b) -> a - b);

  @Test
  void eachKernelIsItsOwnClassAndComputesItsOwnFormula() {
    UnaryKernel plusOne = UnaryKernel.of(v -> v + 1);
    UnaryKernel twice = UnaryKernel.of(v -> v * 2);
    assertThat(plusOne.getClass()).isNotEqualTo(twice.getClass());
    float[] values = {1, -2, 3};
    float[] out = new float[3];
    plusOne.apply(values, out);
    assertThat(out).usingExactEquality().containsExactly(2f, -1f, 4f).inOrder();
    twice.apply(values, values);
    assertThat(values).usingExactEquality().containsExactly(2f, -4f, 6f).inOrder();
  }

  @Test
  void broadcastMatchesANaiveLoopForEveryShapeUpTo3x3x3() {
    int[][] shapes = allShapes();
    for (int[] aShape : shapes) {
      for (int[] bShape : shapes) {
        if (!broadcastTogether(aShape, bShape)) {
          assertThrows(IllegalArgumentException.class,
              () -> Shapes.broadcast("test", aShape, bShape));
          continue;
        }
        int[] outShape = Shapes.broadcast("test", aShape, bShape);
        float[] a = values(Shapes.numel(aShape), 1);
        float[] b = values(Shapes.numel(bShape), 100);
        float[] out = new float[Shapes.numel(outShape)];
        SUBTRACT.apply(outShape, a, 0,
            Shapes.broadcastStrides(aShape, Shapes.contiguousStrides(aShape), outShape), b, 0,
            Shapes.broadcastStrides(bShape, Shapes.contiguousStrides(bShape), outShape), out);
        assertWithMessage("%s - %s", Arrays.toString(aShape), Arrays.toString(bShape))
            .that(out).usingExactEquality()
            .containsExactly(naiveDifference(a, aShape, b, bShape, outShape)).inOrder();
      }
    }
  }

  @Test
  void stridedOperandsAreReadThroughTheirStrides() {
    // a is the transpose of the row-major 3x2 matrix {0, 1, 2, 3, 4, 5}; b a column broadcast.
    float[] a = {0, 1, 2, 3, 4, 5};
    float[] b = {10, 20};
    float[] out = new float[6];
    SUBTRACT.apply(new int[] {2, 3}, a, 0, new int[] {1, 2}, b, 0, new int[] {1, 0}, out);
    assertThat(out).usingExactEquality()
        .containsExactly(-10f, -8f, -6f, -19f, -17f, -15f).inOrder();
  }

  /** Every shape of rank 0 to 3 with sizes 1 to 3. */
  private static int[][] allShapes() {
    java.util.List<int[]> shapes = new java.util.ArrayList<>();
    shapes.add(new int[0]);
    for (int rank = 1; rank <= 3; rank++) {
      int count = (int) Math.pow(3, rank);
      for (int c = 0; c < count; c++) {
        int[] shape = new int[rank];
        for (int d = 0, rest = c; d < rank; d++, rest /= 3) {
          shape[d] = rest % 3 + 1;
        }
        shapes.add(shape);
      }
    }
    return shapes.toArray(new int[0][]);
  }

  private static float[] values(int n, int first) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = first + i;
    }
    return v;
  }

  private static float[] naiveDifference(float[] a, int[] aShape, float[] b, int[] bShape,
      int[] outShape) {
    float[] out = new float[Shapes.numel(outShape)];
    int[] index = new int[outShape.length];
    for (int i = 0; i < out.length; i++) {
      for (int d = outShape.length - 1, rest = i; d >= 0; d--) {
        index[d] = rest % outShape[d];
        rest /= outShape[d];
      }
      out[i] = a[flat(index, aShape)] - b[flat(index, bShape)];
    }
    return out;
  }

  /**
   * Every run length from 0 to 20 (no group of eight, one, two, with and without a tail) at every
   * offset from 0 to 3: the sums of {@link RowReductions} equal the sequential ones up to rounding, and
   * read nothing outside the run.
   */
  @Test
  void rowSumsMatchSequentialSumsForEveryLengthAndOffset() {
    double mean = 0.5;
    for (int from = 0; from <= 3; from++) {
      for (int length = 0; from + length <= 20; length++) {
        // NaN outside the run, so that a read past either end shows.
        float[] values = new float[24];
        float[] gradient = new float[24];
        Arrays.fill(values, Float.NaN);
        Arrays.fill(gradient, Float.NaN);
        double sum = 0;
        double squares = 0;
        double gradientSum = 0;
        double centeredDot = 0;
        for (int i = from; i < from + length; i++) {
          values[i] = (float) Math.sin(i) * 3 + 1;
          gradient[i] = (float) Math.cos(i * 0.7);
          sum += values[i];
          squares += (values[i] - mean) * (values[i] - mean);
          gradientSum += gradient[i];
          centeredDot += gradient[i] * (values[i] - mean);
        }
        String run = "from " + from + ", length " + length;
        assertWithMessage("sum %s", run).that(RowReductions.sum(values, from, length))
            .isWithin(1e-12).of(sum);
        assertWithMessage("squaredDeviations %s", run)
            .that(RowReductions.squaredDeviations(values, from, length, mean)).isWithin(1e-12)
            .of(squares);
        double[] sums = {0, 1};
        double[] dots = {0, 2};
        RowReductions.addSumAndCenteredDot(gradient, values, from, length, mean, sums, dots, 1);
        assertWithMessage("addSumAndCenteredDot %s", run).that(sums).usingTolerance(1e-12)
            .containsExactly(0, 1 + gradientSum).inOrder();
        assertWithMessage("addSumAndCenteredDot %s", run).that(dots).usingTolerance(1e-12)
            .containsExactly(0, 2 + centeredDot).inOrder();
      }
    }
  }

  /**
   * {@link Im2Col#foldAdd} is the adjoint of {@link Im2Col#unfold}: {@code <unfold(x), c> = <x,
   * fold(c)>} for any image {@code x} and columns {@code c}, over widths that leave rows shorter
   * than eight, of eight, and longer with a tail, with padding, strides and dilation; the columns
   * written from an offset into their buffer leave what comes before it alone.
   */
  @Test
  void foldAddIsTheAdjointOfUnfold() {
    int[][] windows = { // height, width; kernel; stride; padding; dilation
        {12, 12, 5, 1, 0, 1}, {6, 5, 3, 1, 1, 1}, {7, 20, 3, 1, 1, 1}, {9, 17, 2, 1, 0, 2},
        {8, 13, 3, 2, 1, 1}, {5, 30, 1, 1, 0, 1}};
    java.util.Random random = new java.util.Random(8);
    for (int[] c : windows) {
      Window2d w = Window2d.of("conv2d", c[0], c[1], new int[] {c[2]}, new int[] {c[3]},
          new int[] {c[4]}, new int[] {c[5]});
      int channels = 2;
      int offset = 3;
      float[] image = new float[offset + channels * c[0] * c[1]];
      float[] columns = new float[channels * c[2] * c[2] * w.outPositions()];
      for (int i = offset; i < image.length; i++) {
        image[i] = random.nextInt(7) - 3;
      }
      for (int i = 0; i < columns.length; i++) {
        columns[i] = random.nextInt(7) - 3;
      }
      float[] unfoldedAt = new float[offset + columns.length];
      Arrays.fill(unfoldedAt, 0, offset, 9f);
      Im2Col.unfold(image, offset, channels, w, unfoldedAt, offset);
      assertWithMessage("window %s: columns before the offset", Arrays.toString(c))
          .that(Arrays.copyOf(unfoldedAt, offset)).usingExactEquality()
          .containsExactly(9f, 9f, 9f).inOrder();
      float[] unfolded = Arrays.copyOfRange(unfoldedAt, offset, unfoldedAt.length);
      float[] folded = new float[image.length];
      Im2Col.foldAdd(columns, channels, w, folded, offset);
      double left = 0;
      for (int i = 0; i < columns.length; i++) {
        left += unfolded[i] * columns[i];
      }
      double right = 0;
      for (int i = 0; i < image.length; i++) {
        right += image[i] * folded[i];
      }
      assertWithMessage("window %s", Arrays.toString(c)).that(right).isEqualTo(left);
      assertWithMessage("window %s: before the offset", Arrays.toString(c))
          .that(Arrays.copyOf(folded, offset)).usingExactEquality()
          .containsExactly(0f, 0f, 0f).inOrder();
    }
  }

  /**
   * {@link Im2Row#unfold} writes {@link Im2Col#unfold}'s matrix transposed, its rows in patch
   * order, and leaves what comes before its offset alone: over strides, padding wider than the
   * kernel and a dilated height.
   */
  @Test
  void im2RowIsIm2ColTransposedInPatchOrder() {
    int[][] windows = { // height, width; kernel; stride; padding; height dilation
        {12, 12, 5, 1, 0, 1}, {6, 5, 3, 1, 1, 1}, {7, 9, 3, 2, 1, 2}, {5, 4, 3, 2, 4, 1},
        {9, 7, 2, 1, 0, 3}};
    java.util.Random random = new java.util.Random(9);
    int channels = 3;
    int offset = 2;
    for (int[] c : windows) {
      Window2d w = Window2d.of("conv2d", c[0], c[1], new int[] {c[2]}, new int[] {c[3]},
          new int[] {c[4]}, new int[] {c[5], 1});
      String window = Arrays.toString(c);
      int rows = channels * c[2] * c[2];
      int positions = w.outPositions();
      float[] image = new float[offset + channels * c[0] * c[1]];
      for (int i = offset; i < image.length; i++) {
        image[i] = random.nextInt(7) - 3;
      }
      float[] scratch = new float[channels * c[0] * c[1]];
      float[] patches = new float[offset + rows * positions];
      Arrays.fill(patches, 0, offset, 9f);
      Im2Row.unfold(image, offset, channels, w, scratch, patches, offset);
      float[] columns = new float[rows * positions];
      Im2Col.unfold(image, offset, channels, w, columns, 0);
      assertWithMessage("window %s: before the offset", window)
          .that(Arrays.copyOf(patches, offset)).usingExactEquality()
          .containsExactly(9f, 9f).inOrder();
      for (int ch = 0; ch < channels; ch++) {
        for (int ij = 0; ij < c[2] * c[2]; ij++) {
          for (int p = 0; p < positions; p++) {
            assertWithMessage("window %s: channel %s, kernel entry %s, position %s", window, ch,
                ij, p).that(patches[offset + p * rows + ij * channels + ch])
                .isEqualTo(columns[(ch * c[2] * c[2] + ij) * positions + p]);
          }
        }
      }
    }
  }

  /** {@link Im2Row#toWeightOrder} undoes {@link Im2Row#toPatchOrder}, which permutes each row. */
  @Test
  void weightRowsInPatchOrderAreThePermutedRows() {
    Window2d w = Window2d.of("conv2d", 6, 6, new int[] {2, 3}, null, new int[] {0},
        new int[] {1});
    int rows = 4;
    int channels = 3;
    float[] weight = new float[1 + rows * channels * 6];
    for (int i = 0; i < weight.length; i++) {
      weight[i] = i;
    }
    float[] patchOrder = new float[rows * channels * 6];
    Im2Row.toPatchOrder(weight, 1, rows, channels, w, patchOrder);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < channels; c++) {
        for (int i = 0; i < 2; i++) {
          for (int j = 0; j < 3; j++) {
            assertThat(patchOrder[r * 18 + (i * 3 + j) * channels + c])
                .isEqualTo(weight[1 + r * 18 + (c * 2 + i) * 3 + j]);
          }
        }
      }
    }
    float[] back = new float[weight.length];
    Im2Row.toWeightOrder(patchOrder, rows, channels, w, back, 1);
    assertThat(Arrays.copyOfRange(back, 1, back.length)).usingExactEquality()
        .containsExactly(Arrays.copyOfRange(weight, 1, weight.length)).inOrder();
  }

  /** The row-major position in {@code shape} of the broadcast {@code index} (trailing-aligned). */
  private static int flat(int[] index, int[] shape) {
    int shift = index.length - shape.length;
    int p = 0;
    for (int d = 0; d < shape.length; d++) {
      p = p * shape[d] + (shape[d] == 1 ? 0 : index[d + shift]);
    }
    return p;
  }

  /** Whether two shapes broadcast, read off PyTorch's rule: trailing sizes equal or one is 1. */
  private static boolean broadcastTogether(int[] a, int[] b) {
    for (int i = 1; i <= Math.min(a.length, b.length); i++) {
      int x = a[a.length - i];
      int y = b[b.length - i];
      if (x != y && x != 1 && y != 1) {
        return false;
      }
    }
    return true;
  }
}
