package dev.lamina.ops;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.lamina.Generator;
import dev.lamina.Tensor;
import dev.lamina.testing.GradCheck;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link SoftmaxOp} and {@link LogSoftmaxOp} beyond the PyTorch fixtures: finite differences along
 * every dimension, of strided inputs and of large ones, and values and gradients against a naive
 * double-precision reference for every shape up to 4x4x4 and every dimension.
 */
class SoftmaxTest {
  @Test
  void softmaxRecordsPytorchsNode() {
    Tensor x = Tensor.randn(new Generator(1), 2, 3).requiresGrad(true);
    assertThat(x.softmax(1).gradFn().name()).isEqualTo("SoftmaxBackward0");
    assertThat(x.logSoftmax(1).gradFn().name()).isEqualTo("LogSoftmaxBackward0");
  }

  @Test
  void gradientsMatchFiniteDifferencesAlongEveryDimension() {
    Tensor x = Tensor.randn(new Generator(2), 3, 4, 5);
    for (int dim = -3; dim < 3; dim++) {
      int d = dim;
      GradCheck.check("softmax dim " + d, t -> t[0].softmax(d), x);
      GradCheck.check("logSoftmax dim " + d, t -> t[0].logSoftmax(d), x);
    }
  }

  @Test
  void gradientsOfStridedInputsMatchFiniteDifferences() {
    Tensor x = Tensor.randn(new Generator(3), 4, 5, 3);
    for (int dim = 0; dim < 3; dim++) {
      int d = dim;
      GradCheck.check("softmax of a transpose, dim " + d, t -> t[0].transpose(0, 2).softmax(d), x);
      GradCheck.check("logSoftmax of a transpose, dim " + d,
          t -> t[0].transpose(0, 2).logSoftmax(d), x);
    }
    GradCheck.check("softmax of every other column", t -> t[0].slice(1, 0, 5, 2).softmax(-1), x);
    GradCheck.check("softmax of a broadcast", t -> t[0].expand(3, 4, 5, 3).softmax(0), x);
  }

  @Test
  void gradientsOfLargeInputsMatchFiniteDifferences() {
    Generator g = new Generator(4);
    Tensor nearby = Tensor.randn(g, 3, 6).add(1000f);
    Tensor spread = Tensor.randn(g, 3, 6).mul(40f);
    for (Tensor x : new Tensor[] {nearby, spread}) {
      GradCheck.check("softmax of large inputs", t -> t[0].softmax(-1), x);
      GradCheck.check("logSoftmax of large inputs", t -> t[0].logSoftmax(-1), x);
      GradCheck.check("softmax of large inputs, dim 0", t -> t[0].softmax(0), x);
    }
  }

  @Test
  void valuesAndGradientsMatchANaiveReferenceForEveryShapeUpTo4x4x4() {
    Generator g = new Generator(5);
    for (int a = 1; a <= 4; a++) {
      for (int b = 1; b <= 4; b++) {
        for (int c = 1; c <= 4; c++) {
          int[] shape = {a, b, c};
          Tensor x = Tensor.randn(g, shape).mul(3f);
          Tensor weights = Tensor.randn(g, shape);
          for (int dim = 0; dim < 3; dim++) {
            compare(x, weights, dim, false);
            compare(x, weights, dim, true);
          }
        }
      }
    }
  }

  /** The op's values and the gradient of {@code Σ w y} against {@link #reference}. */
  private static void compare(Tensor x, Tensor weights, int dim, boolean log) {
    String what = (log ? "logSoftmax " : "softmax ") + Arrays.toString(x.shape()) + " dim " + dim;
    Tensor leaf = x.copy().requiresGrad(true);
    Tensor y = log ? leaf.logSoftmax(dim) : leaf.softmax(dim);
    y.mul(weights).sum().backward();
    double[][] expected = reference(x, weights, dim, log);
    GradCheck.assertClose(what + ": values", y, x.shape(), expected[0], null);
    GradCheck.assertClose(what + ": gradient", leaf.grad(), x.shape(), expected[1], null);
  }

  /**
   * The values and the gradient of {@code Σ w y}, in double precision, one line along {@code dim}
   * of a {@code [a, b, c]} tensor at a time: {@code dx = y (w - Σ w y)} for the softmax and
   * {@code dx = w - softmax Σ w} for its logarithm.
   */
  private static double[][] reference(Tensor x, Tensor weights, int dim, boolean log) {
    int[] shape = x.shape();
    int[] strides = {shape[1] * shape[2], shape[2], 1};
    float[] v = x.toFloatArray();
    float[] w = weights.toFloatArray();
    double[] values = new double[v.length];
    double[] grads = new double[v.length];
    int n = shape[dim];
    for (int start = 0; start < v.length; start++) {
      if (start / strides[dim] % n != 0) {
        continue;
      }
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < n; k++) {
        max = Math.max(max, v[start + k * strides[dim]]);
      }
      double total = 0;
      for (int k = 0; k < n; k++) {
        total += Math.exp(v[start + k * strides[dim]] - max);
      }
      double weightedSum = 0;
      double weightTotal = 0;
      for (int k = 0; k < n; k++) {
        int p = start + k * strides[dim];
        double softmax = Math.exp(v[p] - max) / total;
        weightedSum += w[p] * softmax;
        weightTotal += w[p];
      }
      for (int k = 0; k < n; k++) {
        int p = start + k * strides[dim];
        double softmax = Math.exp(v[p] - max) / total;
        values[p] = log ? v[p] - max - Math.log(total) : softmax;
        grads[p] = log ? w[p] - softmax * weightTotal : softmax * (w[p] - weightedSum);
      }
    }
    return new double[][] {values, grads};
  }

  @Test
  void aRowOfMinusInfinityGivesNan() {
    float inf = Float.POSITIVE_INFINITY;
    Tensor x = Tensor.of(new float[] {-inf, -inf, 1, 2}, 2, 2);
    float[] y = x.softmax(1).toFloatArray();
    assertWithMessage("softmax %s", Arrays.toString(y)).that(Float.isNaN(y[0]) && Float.isNaN(y[1]))
        .isTrue();
    assertThat(y[2] + y[3]).isWithin(1e-7f).of(1f);
    float[] logY = x.logSoftmax(1).toFloatArray();
    assertWithMessage("logSoftmax %s", Arrays.toString(logY)).that(Float.isNaN(logY[0])).isTrue();
  }
}
