package dev.lamina.ops;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.Generator;
import dev.lamina.Tensor;
import dev.lamina.testing.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * What the PyTorch fixtures of {@link ActivationsAndNormsMatchTorchTest} do not show: that split
 * and chunk are views, the sizes of their pieces, repeat against a naive tiling, the special
 * values PyTorch gives (each expected value is what PyTorch 1.13 returns for the same call), the
 * in-place update of batch norm's running statistics, batch norm beside a large mean against a
 * double-precision reference, the error messages, and finite differences for the
 * optional-argument combinations.
 */
class SequencePiecesAndNormsTest {
  @Test
  void splitAndChunkAreViewsOfTheirInput() {
    Tensor x = Tensor.randn(new Generator(1), 3, 5);
    Tensor[] pieces = x.split(2, 1);
    assertThat(pieces).hasLength(3);
    assertThat(pieces[2].shape()).isEqualTo(new int[] {3, 1});
    for (Tensor piece : pieces) {
      assertThat(piece.storage()).isSameInstanceAs(x.storage());
    }
    assertThat(pieces[1].get(2, 1)).isEqualTo(x.get(2, 3));
    assertThat(Tensor.cat(1, pieces).equal(x)).isTrue();
  }

  @Test
  void chunkSizesFollowPytorch() {
    assertThat(sizes(Tensor.zeros(5).chunk(3, 0))).isEqualTo(new int[] {2, 2, 1});
    assertThat(sizes(Tensor.zeros(6).chunk(4, 0))).isEqualTo(new int[] {2, 2, 2});
    assertThat(sizes(Tensor.zeros(0).chunk(3, 0))).isEqualTo(new int[] {0, 0, 0});
    assertThat(sizes(Tensor.zeros(2, 7).split(new int[] {0, 7, 0}, -1)))
        .isEqualTo(new int[] {0, 7, 0});
  }

  private static int[] sizes(Tensor[] pieces) {
    int[] out = new int[pieces.length];
    for (int i = 0; i < pieces.length; i++) {
      out[i] = pieces[i].size(pieces[i].dim() - 1);
    }
    return out;
  }

  @Test
  void splitRefusesSizesThatDoNotAddUp() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tensor.zeros(6, 2).split(new int[] {2, 3}, 0));
    assertThat(e).hasMessageThat().isEqualTo(
        "split: sizes [2, 3] add up to 5, but dimension 0 of shape [6, 2] has size 6");
    assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(4).split(0, 0));
    assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(4).chunk(0, 0));
  }

  @Test
  void repeatTilesAsANaiveLoopDoes() {
    Tensor x = Tensor.randn(new Generator(2), 2, 3);
    Tensor y = x.repeat(2, 3, 2);
    assertThat(y.shape()).isEqualTo(new int[] {2, 6, 6});
    for (int a = 0; a < 2; a++) {
      for (int i = 0; i < 6; i++) {
        for (int j = 0; j < 6; j++) {
          assertThat(y.get(a, i, j)).isEqualTo(x.get(i % 2, j % 3));
        }
      }
    }
    assertThat(Tensor.zeros(2, 2).repeat(0, 2).shape()).isEqualTo(new int[] {0, 4});
    assertThrows(IllegalArgumentException.class, () -> x.repeat(2));
  }

  @Test
  void specialValuesAreThoseOfPytorch() {
    float inf = Float.POSITIVE_INFINITY;
    Tensor lse = Tensor.of(new float[][] {{-inf, -inf}, {inf, 1}}).logsumexp(1, false);
    assertThat(lse.toFloatArray()).isEqualTo(new float[] {-inf, inf});
    assertThat(Float.isNaN(Tensor.of(1f).var(0, false).item())).isTrue();
    assertThat(Tensor.of(1f, 2f).var(new int[] {0}, 3, false).item()).isEqualTo(inf);
    assertThat(Tensor.of(1f, Float.NaN, 3f).clamp(0, 2).toFloatArray())
        .isEqualTo(new float[] {1, Float.NaN, 2});
    assertThat(Tensor.of(1f, Float.NaN).maximum(Tensor.of(Float.NaN, 0f)).toFloatArray())
        .isEqualTo(new float[] {Float.NaN, Float.NaN});
  }

  @Test
  void trianglesNeedMatrices() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(4).tril());
    assertThat(e).hasMessageThat()
        .isEqualTo("tril: input must have at least 2 dimensions, but it has shape [4]");
    assertThat(Tensor.ones(2, 2).triu(Integer.MIN_VALUE).toFloatArray())
        .isEqualTo(new float[] {1, 1, 1, 1});
    assertThat(Tensor.ones(2, 2).tril(Integer.MIN_VALUE).toFloatArray())
        .isEqualTo(new float[] {0, 0, 0, 0});
  }

  @Test
  void batchNormUpdatesTheRunningStatisticsInPlaceOutsideTheGraph() {
    Tensor x = Tensor.of(new float[][] {{1, 10}, {3, 14}}).requiresGrad(true);
    Tensor mean = Tensor.zeros(2);
    Tensor var = Tensor.ones(2);
    float[] meanStorage = mean.storage();

    Tensor y = Tensor.batchNorm(x, mean, var, null, null, true, 0.5, 0);

    assertThat(mean.storage()).isSameInstanceAs(meanStorage);
    // Batch means 2 and 12; unbiased variances 2 and 8, halfway from 1.
    assertThat(mean.toFloatArray()).isEqualTo(new float[] {1, 6});
    assertThat(var.toFloatArray()).isEqualTo(new float[] {1.5f, 4.5f});
    assertThat(mean.requiresGrad()).isFalse();
    // Normalized with the biased variances 1 and 4.
    assertThat(y.toFloatArray()).isEqualTo(new float[] {-1, -1, 1, 1});
    assertThat(y.gradFn().name()).isEqualTo("NativeBatchNormBackward0");
  }

  /**
   * Values of 1e4 (plus 1e3 per channel) with a spread of 0.01: float32 keeps about four of their
   * digits beyond the mean, and a variance from {@code Σ x² - n mean²}, or a float32
   * {@code x · scale + shift}, would lose them all. Planes of 5 x 7 leave a tail after each group
   * of eight values. The reference is the two-pass formula in double precision, on the same
   * floats.
   */
  @Test
  void batchNormStaysExactBesideALargeMean() {
    int batch = 4;
    int channels = 3;
    int spatial = 35;
    Generator g = new Generator(6);
    float[] values = new float[batch * channels * spatial];
    for (int i = 0; i < values.length; i++) {
      int c = i / spatial % channels;
      values[i] = 1e4f + 1e3f * c + 0.01f * g.nextNormal();
    }
    Tensor x = Tensor.of(values, batch, channels, 5, 7).requiresGrad(true);
    Tensor weight = Tensor.randn(g, channels).requiresGrad(true);
    Tensor bias = Tensor.randn(g, channels).requiresGrad(true);
    Tensor gradient = Tensor.randn(g, batch, channels, 5, 7);
    Tensor runningMean = Tensor.zeros(channels);
    Tensor runningVar = Tensor.zeros(channels);
    double eps = 1e-5;

    Tensor y = Tensor.batchNorm(x, runningMean, runningVar, weight, bias, true, 1, eps);
    y.backward(gradient);

    int count = batch * spatial;
    float[] w = weight.toFloatArray();
    float[] b = bias.toFloatArray();
    float[] dy = gradient.toFloatArray();
    double[] expectedY = new double[values.length];
    double[] expectedDx = new double[values.length];
    for (int c = 0; c < channels; c++) {
      int[] plane = new int[count];
      for (int k = 0; k < count; k++) {
        plane[k] = ((k / spatial) * channels + c) * spatial + k % spatial;
      }
      double sum = 0;
      for (int i : plane) {
        sum += values[i];
      }
      double mean = sum / count;
      double squares = 0;
      for (int i : plane) {
        squares += (values[i] - mean) * (values[i] - mean);
      }
      double rstd = 1 / Math.sqrt(squares / count + eps);
      double sumGrad = 0;
      double sumGradNormalized = 0;
      for (int i : plane) {
        sumGrad += dy[i];
        sumGradNormalized += dy[i] * (values[i] - mean) * rstd;
      }
      for (int i : plane) {
        double xhat = (values[i] - mean) * rstd;
        expectedY[i] = xhat * w[c] + b[c];
        expectedDx[i] = w[c] * rstd * (dy[i] - sumGrad / count - xhat * sumGradNormalized / count);
      }
      assertThat((double) runningMean.toFloatArray()[c]).isWithin(1e-7 * mean).of(mean);
      double unbiased = squares / (count - 1);
      assertThat((double) runningVar.toFloatArray()[c]).isWithin(1e-6 * unbiased).of(unbiased);
      assertThat((double) weight.grad().toFloatArray()[c]).isWithin(1e-5)
          .of(sumGradNormalized);
      assertThat((double) bias.grad().toFloatArray()[c]).isWithin(1e-5).of(sumGrad);
    }
    float[] actualY = y.toFloatArray();
    float[] actualDx = x.grad().toFloatArray();
    double largestDx = 0;
    for (double v : expectedDx) {
      largestDx = Math.max(largestDx, Math.abs(v));
    }
    for (int i = 0; i < values.length; i++) {
      assertWithMessage("y at %s", i).that((double) actualY[i]).isWithin(1e-5).of(expectedY[i]);
      assertWithMessage("dx at %s", i).that((double) actualDx[i])
          .isWithin(1e-6 * largestDx).of(expectedDx[i]);
    }
  }

  @Test
  void normsNameTheShapesThatDoNotFit() {
    IllegalArgumentException layer = assertThrows(IllegalArgumentException.class,
        () -> Tensor.zeros(2, 3).layerNorm(new int[] {4}, null, null, 1e-5));
    assertThat(layer).hasMessageThat().isEqualTo(
        "layerNorm: input of shape [2, 3] must end with the normalized shape [4]");
    IllegalArgumentException weight = assertThrows(IllegalArgumentException.class,
        () -> Tensor.zeros(2, 3).layerNorm(new int[] {3}, Tensor.ones(4), null, 1e-5));
    assertThat(weight).hasMessageThat().isEqualTo(
        "layerNorm: weight has shape [4], expected the normalized shape [3]");
    IllegalArgumentException eval = assertThrows(IllegalArgumentException.class,
        () -> Tensor.batchNorm(Tensor.zeros(2, 3), null, null, null, null, false, 0.1, 1e-5));
    assertThat(eval).hasMessageThat().contains("evaluation uses the running statistics");
    IllegalArgumentException channels = assertThrows(IllegalArgumentException.class,
        () -> Tensor.batchNorm(Tensor.zeros(2, 3), null, null, Tensor.ones(2), null, true, 0.1,
            1e-5));
    assertThat(channels).hasMessageThat().isEqualTo(
        "batchNorm: weight has shape [2], expected [3], one value per channel");
  }

  @Test
  void normsHaveGradientsWithEitherAffineTensorAlone() {
    Generator g = new Generator(4);
    Tensor x = Tensor.randn(g, 3, 2, 4);
    GradCheck.check("layerNorm weight only",
        in -> in[0].layerNorm(new int[] {4}, in[1], null, 1e-5), x, Tensor.randn(g, 4));
    GradCheck.check("layerNorm bias only",
        in -> in[0].layerNorm(new int[] {2, 4}, null, in[1], 1e-5), x, Tensor.randn(g, 2, 4));
    GradCheck.check("batchNorm weight only",
        in -> Tensor.batchNorm(in[0], null, null, in[1], null, true, 0.1, 1e-5), x,
        Tensor.randn(g, 2));
    GradCheck.check("batchNorm bias only, evaluation",
        in -> Tensor.batchNorm(in[0], Tensor.of(0.5f, -1f), Tensor.of(2f, 0.5f), null, in[1],
            false, 0.1, 1e-5), x, Tensor.randn(g, 2));
  }

  @Test
  void reductionsHaveGradientsOverEveryChoiceOfDimensions() {
    Tensor x = Tensor.randn(new Generator(5), 2, 3, 4);
    for (int[] dims : new int[][] {{0}, {1}, {2}, {0, 1}, {2, 0}, {}}) {
      GradCheck.check("var " + java.util.Arrays.toString(dims),
          in -> in[0].var(dims, 1, true), x);
      GradCheck.check("logsumexp " + java.util.Arrays.toString(dims),
          in -> in[0].logsumexp(dims, false), x);
    }
    GradCheck.check("min dim 2", in -> in[0].min(2, false), x);
  }
}
