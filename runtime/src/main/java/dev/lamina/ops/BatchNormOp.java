package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.NoGrad;
import dev.lamina.Tensor;
import dev.lamina.kernels.RowReductions;
import dev.lamina.kernels.Shapes;
import java.util.Arrays;

/**
 * Batch normalization of {@code [N, C]} or {@code [N, C, *]} inputs per channel {@code c}, as
 * PyTorch's {@code batch_norm}: {@code y = (x - mean_c) / sqrt(var_c + eps) · weight_c + bias_c}.
 * In training the statistics are the batch's, over {@code N} and the trailing dimensions, and the
 * running statistics, when given, move towards them in place:
 * {@code running = (1 - momentum) running + momentum · batch}, the variance taken unbiased there,
 * as PyTorch does. In evaluation the running statistics are used.
 *
 * <p>The batch statistics take one pass over memory, in double precision, and stay accurate when
 * the mean is large beside the spread: each contiguous row of the input (one {@code (n, c)}
 * plane, small enough to stay in cache) gets its own mean and sum of squared deviations from it,
 * in two passes over the row, and the rows of a channel are merged by the pairwise formula of
 * Chan, Golub and LeVeque: rows {@code a} and {@code b} of {@code n_a} and {@code n_b} values,
 * {@code δ = mean_b - mean_a}, give {@code mean = mean_a + δ n_b / n} and
 * {@code M2 = M2_a + M2_b + δ² n_a n_b / n}; the variance is the biased {@code M2 / n}. Every
 * pass, in both directions, walks the rows in memory order, keeping its per-channel sums in arrays,
 * so that the input streams in rather than being fetched a row at a time from far apart.
 *
 * <p>Backward, with {@code x̂} the normalized input and {@code g' = grad · weight}: in training
 * {@code dx = rstd (g' - mean(g') - x̂ mean(g' x̂))}, the means over each channel, since the
 * statistics depend on {@code x}; in evaluation {@code dx = g' · rstd}.
 * {@code dweight = Σ grad x̂}, {@code dbias = Σ grad} per channel, summed in double precision.
 *
 * <p>The element-wise loops of both directions run in float32, which the JIT vectorizes, with
 * per-channel coefficients worked out in double precision. They read {@code x - mean} as
 * {@code (x - meanHigh) - meanLow}, the mean split into its float32 rounding and the remainder:
 * the first difference is exact when {@code x} is near the mean, so a large mean costs no digits
 * (a single float32 {@code x · scale + shift} would lose as many as the mean has above the
 * spread). The op behind {@link Tensor#batchNorm}; the layers are
 * {@link dev.lamina.nn.BatchNorm1d} and {@link dev.lamina.nn.BatchNorm2d}.
 */
public final class BatchNormOp extends Function {
  private final float[] x;
  private final int[] shape;
  private final float[] weight;
  private final boolean hasWeight;
  private final boolean hasBias;
  private final boolean training;
  private final double[] means;
  private final double[] rstds;

  private BatchNormOp(Tensor[] inputs, float[] x, float[] weight, boolean hasBias,
      boolean training, double[] means, double[] rstds) {
    super(inputs);
    this.x = x;
    this.shape = inputs[0].shape();
    this.weight = weight;
    this.hasWeight = weight != null;
    this.hasBias = hasBias;
    this.training = training;
    this.means = means;
    this.rstds = rstds;
  }

  /**
   * Normalizes {@code x} ({@code [N, C]} or {@code [N, C, *]}) per channel; {@code y} has its
   * shape. {@code runningMean} and {@code runningVar} ({@code [C]}) may be {@code null} in
   * training, together; {@code weight} and {@code bias} ({@code [C]}) may each be {@code null}. In
   * training the running statistics, when given, are updated in place, outside the graph.
   *
   * @throws IllegalArgumentException for an input of rank below 2, a statistic or affine tensor
   *     that is not {@code [C]}, running statistics missing in evaluation, or, in training, a
   *     single value per channel
   */
  public static Tensor apply(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight,
      Tensor bias, boolean training, double momentum, double eps) {
    int[] shape = x.shape();
    if (shape.length < 2) {
      throw new IllegalArgumentException(
          "batchNorm: input must be [N, C] or [N, C, *], but it has shape " + Shapes.format(shape));
    }
    int channels = shape[1];
    int batch = shape[0];
    int spatial = Shapes.product(shape, 2, shape.length);
    checkChannels("runningMean", runningMean, channels);
    checkChannels("runningVar", runningVar, channels);
    checkChannels("weight", weight, channels);
    checkChannels("bias", bias, channels);
    if ((runningMean == null) != (runningVar == null)) {
      throw new IllegalArgumentException(
          "batchNorm: runningMean and runningVar must be given together");
    }
    if (!training && runningMean == null) {
      throw new IllegalArgumentException(
          "batchNorm: evaluation uses the running statistics, but none were given");
    }
    long count = (long) batch * spatial;
    if (training && count <= 1) {
      throw new IllegalArgumentException(
          "batchNorm: expected more than 1 value per channel when training, got input of shape "
              + Shapes.format(shape));
    }
    float[] in = Elementwise.values(x);
    double[] means = new double[channels];
    double[] vars = new double[channels];
    if (training) {
      batchStatistics(in, batch, channels, spatial, means, vars);
      if (runningMean != null) {
        updateRunning(runningMean, runningVar, means, vars, momentum, count);
      }
    } else {
      float[] rm = runningMean.toFloatArray();
      float[] rv = runningVar.toFloatArray();
      for (int c = 0; c < channels; c++) {
        means[c] = rm[c];
        vars[c] = rv[c];
      }
    }
    double[] rstds = new double[channels];
    for (int c = 0; c < channels; c++) {
      rstds[c] = 1 / Math.sqrt(vars[c] + eps);
    }
    float[] w = weight == null ? null : weight.toFloatArray();
    float[] b = bias == null ? null : bias.toFloatArray();
    float[] meanHigh = new float[channels];
    float[] meanLow = new float[channels];
    float[] scale = new float[channels];
    for (int c = 0; c < channels; c++) {
      meanHigh[c] = (float) means[c];
      meanLow[c] = (float) (means[c] - meanHigh[c]);
      scale[c] = (float) (rstds[c] * (w == null ? 1 : w[c]));
    }
    float[] out = new float[in.length];
    for (int n = 0, base = 0; n < batch; n++) {
      for (int c = 0; c < channels; c++, base += spatial) {
        float high = meanHigh[c];
        float low = meanLow[c];
        float rowScale = scale[c];
        float shift = b == null ? 0 : b[c];
        for (int s = base; s < base + spatial; s++) {
          out[s] = ((in[s] - high) - low) * rowScale + shift;
        }
      }
    }
    Tensor[] inputs = LayerNormOp.present(x, weight, bias);
    return record(Tensor.wrap(out, shape),
        new BatchNormOp(inputs, in, w, bias != null, training, means, rstds));
  }

  private static void checkChannels(String what, Tensor t, int channels) {
    if (t != null && !Arrays.equals(t.shape(), new int[] {channels})) {
      throw new IllegalArgumentException(
          "batchNorm: " + what + " has shape " + Shapes.format(t.shape()) + ", expected ["
              + channels + "], one value per channel");
    }
  }

  /**
   * Each channel's mean and biased variance: per row, its mean and its sum of squared deviations
   * from that mean, then the rows merged one by one by Chan et al.'s formula.
   */
  private static void batchStatistics(float[] in, int batch, int channels, int spatial,
      double[] means, double[] vars) {
    double[] squares = new double[channels];
    for (int n = 0, base = 0; n < batch; n++) {
      double seen = (double) n * spatial;
      double total = seen + spatial;
      for (int c = 0; c < channels; c++, base += spatial) {
        double rowMean = RowReductions.sum(in, base, spatial) / spatial;
        double rowSquares = RowReductions.squaredDeviations(in, base, spatial, rowMean);
        double delta = rowMean - means[c];
        means[c] += delta * (spatial / total);
        squares[c] += rowSquares + delta * delta * (seen * spatial / total);
      }
    }
    for (int c = 0; c < channels; c++) {
      vars[c] = squares[c] / ((double) batch * spatial);
    }
  }

  @SuppressWarnings("try") // the no-grad scope is used for its effect, not referenced
  private static void updateRunning(Tensor runningMean, Tensor runningVar, double[] means,
      double[] vars, double momentum, long count) {
    float[] rm = runningMean.toFloatArray();
    float[] rv = runningVar.toFloatArray();
    double unbias = count / (double) (count - 1);
    for (int c = 0; c < rm.length; c++) {
      rm[c] = (float) ((1 - momentum) * rm[c] + momentum * means[c]);
      rv[c] = (float) ((1 - momentum) * rv[c] + momentum * vars[c] * unbias);
    }
    try (NoGrad off = NoGrad.enter()) {
      runningMean.copyFrom(Tensor.wrap(rm, rm.length));
      runningVar.copyFrom(Tensor.wrap(rv, rv.length));
    }
  }

  @Override
  public String name() {
    return "NativeBatchNormBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    float[] g = Elementwise.values(grad);
    int batch = shape[0];
    int channels = shape[1];
    int spatial = Shapes.product(shape, 2, shape.length);
    double count = (double) batch * spatial;
    double[] dw = new double[channels];
    double[] db = new double[channels];
    double[] sumGradCentered = new double[channels];
    for (int n = 0, base = 0; n < batch; n++) {
      for (int c = 0; c < channels; c++, base += spatial) {
        RowReductions.addSumAndCenteredDot(g, x, base, spatial, means[c], db, sumGradCentered, c);
      }
    }
    // dx = w rstd (g - mean(g) - x̂ mean(g x̂)), with x̂ = (x - mean) rstd, is
    // gradScale g - centeredScale (x - mean) - offset in training, gradScale g in evaluation.
    float[] gradScale = new float[channels];
    float[] centeredScale = new float[channels];
    float[] offset = new float[channels];
    float[] meanHigh = new float[channels];
    float[] meanLow = new float[channels];
    for (int c = 0; c < channels; c++) {
      double rstd = rstds[c];
      dw[c] = sumGradCentered[c] * rstd;
      double weightRstd = (hasWeight ? weight[c] : 1) * rstd;
      gradScale[c] = (float) weightRstd;
      if (training) {
        centeredScale[c] = (float) (weightRstd * rstd * dw[c] / count);
        offset[c] = (float) (weightRstd * db[c] / count);
        meanHigh[c] = (float) means[c];
        meanLow[c] = (float) (means[c] - meanHigh[c]);
      }
    }
    float[] dx = needsGrad(0) ? new float[x.length] : null;
    if (dx != null) {
      for (int n = 0, base = 0; n < batch; n++) {
        for (int c = 0; c < channels; c++, base += spatial) {
          float a = gradScale[c];
          if (!training) {
            for (int s = base; s < base + spatial; s++) {
              dx[s] = a * g[s];
            }
            continue;
          }
          float centered = centeredScale[c];
          float shift = offset[c];
          float high = meanHigh[c];
          float low = meanLow[c];
          for (int s = base; s < base + spatial; s++) {
            dx[s] = a * g[s] - centered * ((x[s] - high) - low) - shift;
          }
        }
      }
    }
    Tensor[] grads = new Tensor[1 + (hasWeight ? 1 : 0) + (hasBias ? 1 : 0)];
    grads[0] = dx == null ? null : Tensor.wrap(dx, shape);
    int next = 1;
    if (hasWeight) {
      grads[next] = needsGrad(next) ? Tensor.wrap(LayerNormOp.toFloats(dw), channels) : null;
      next++;
    }
    if (hasBias) {
      grads[next] = needsGrad(next) ? Tensor.wrap(LayerNormOp.toFloats(db), channels) : null;
    }
    return grads;
  }
}
