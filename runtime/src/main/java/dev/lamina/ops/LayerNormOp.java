package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.Shapes;
import java.util.Arrays;

/**
 * Layer normalization over the last dimensions, as PyTorch's {@code layer_norm}: each group of
 * {@code normalizedShape} elements becomes {@code (x - mean) / sqrt(var + eps) · weight + bias},
 * with the group's mean and biased variance found in one pass (Welford's, in double precision,
 * which stays accurate when the mean is large beside the spread). The mean and {@code rstd =
 * 1/sqrt(var + eps)} of every group are kept for the backward:
 * {@code dx = rstd (g' - mean(g') - x̂ mean(g' x̂))} with {@code g' = grad · weight} and
 * {@code x̂} the normalized input; {@code dweight = Σ grad x̂}, {@code dbias = Σ grad} over the
 * groups. The op behind {@link Tensor#layerNorm}; the layer is {@link dev.lamina.nn.LayerNorm}.
 */
public final class LayerNormOp extends Function {
  private final float[] x;
  private final int[] shape;
  private final int[] normalizedShape;
  private final float[] weight;
  private final boolean hasWeight;
  private final boolean hasBias;
  private final int size;
  private final double[] means;
  private final double[] rstds;

  private LayerNormOp(Tensor[] inputs, float[] x, int[] normalizedShape, float[] weight,
      boolean hasBias, int size, double[] means, double[] rstds) {
    super(inputs);
    this.x = x;
    this.shape = inputs[0].shape();
    this.normalizedShape = normalizedShape.clone();
    this.weight = weight;
    this.hasWeight = weight != null;
    this.hasBias = hasBias;
    this.size = size;
    this.means = means;
    this.rstds = rstds;
  }

  /**
   * {@code y = (x - mean) / sqrt(var + eps) · weight + bias}, the statistics taken over the last
   * {@code normalizedShape.length} dimensions of {@code x}, which must equal
   * {@code normalizedShape}; {@code weight} and {@code bias}, of shape {@code normalizedShape},
   * may each be {@code null} (no scale, no shift). {@code y} has the shape of {@code x}.
   *
   * @throws IllegalArgumentException naming the shapes when {@code x}, {@code weight} or
   *     {@code bias} does not end with, or have, {@code normalizedShape}
   */
  public static Tensor apply(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias,
      double eps) {
    int[] shape = x.shape();
    int k = normalizedShape.length;
    if (k == 0 || shape.length < k
        || !Arrays.equals(Arrays.copyOfRange(shape, shape.length - k, shape.length),
            normalizedShape)) {
      throw new IllegalArgumentException(
          "layerNorm: input of shape " + Shapes.format(shape)
              + " must end with the normalized shape " + Shapes.format(normalizedShape));
    }
    checkShape("weight", weight, normalizedShape);
    checkShape("bias", bias, normalizedShape);
    int size = Shapes.numel(normalizedShape);
    float[] in = Elementwise.values(x);
    float[] w = weight == null ? null : weight.toFloatArray();
    float[] b = bias == null ? null : bias.toFloatArray();
    int groups = size == 0 ? 0 : in.length / size;
    double[] means = new double[groups];
    double[] rstds = new double[groups];
    float[] out = new float[in.length];
    for (int r = 0; r < groups; r++) {
      int base = r * size;
      double mean = 0;
      double squares = 0;
      for (int i = 0; i < size; i++) {
        double v = in[base + i];
        double delta = v - mean;
        mean += delta / (i + 1);
        squares += delta * (v - mean);
      }
      double rstd = 1 / Math.sqrt(squares / size + eps);
      means[r] = mean;
      rstds[r] = rstd;
      for (int i = 0; i < size; i++) {
        double y = (in[base + i] - mean) * rstd;
        if (w != null) {
          y *= w[i];
        }
        if (b != null) {
          y += b[i];
        }
        out[base + i] = (float) y;
      }
    }
    Tensor[] inputs = present(x, weight, bias);
    return record(Tensor.wrap(out, shape),
        new LayerNormOp(inputs, in, normalizedShape, w, bias != null, size, means, rstds));
  }

  private static void checkShape(String what, Tensor t, int[] normalizedShape) {
    if (t != null && !Arrays.equals(t.shape(), normalizedShape)) {
      throw new IllegalArgumentException(
          "layerNorm: " + what + " has shape " + Shapes.format(t.shape())
              + ", expected the normalized shape " + Shapes.format(normalizedShape));
    }
  }

  /** {@code x}, then {@code weight} and {@code bias} where they are not {@code null}. */
  static Tensor[] present(Tensor x, Tensor weight, Tensor bias) {
    return Arrays.stream(new Tensor[] {x, weight, bias}).filter(t -> t != null)
        .toArray(Tensor[]::new);
  }

  @Override
  public String name() {
    return "NativeLayerNormBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    float[] g = Elementwise.values(grad);
    float[] dx = new float[x.length];
    double[] dw = new double[size];
    double[] db = new double[size];
    double[] scaled = new double[size];
    double[] normalized = new double[size];
    for (int r = 0; r < means.length; r++) {
      int base = r * size;
      double sumScaled = 0;
      double sumScaledNormalized = 0;
      for (int i = 0; i < size; i++) {
        double xhat = (x[base + i] - means[r]) * rstds[r];
        double gi = g[base + i];
        double s = hasWeight ? gi * weight[i] : gi;
        normalized[i] = xhat;
        scaled[i] = s;
        sumScaled += s;
        sumScaledNormalized += s * xhat;
        dw[i] += gi * xhat;
        db[i] += gi;
      }
      double meanScaled = sumScaled / size;
      double meanScaledNormalized = sumScaledNormalized / size;
      for (int i = 0; i < size; i++) {
        dx[base + i] = (float) (rstds[r]
            * (scaled[i] - meanScaled - normalized[i] * meanScaledNormalized));
      }
    }
    Tensor[] grads = new Tensor[1 + (hasWeight ? 1 : 0) + (hasBias ? 1 : 0)];
    grads[0] = needsGrad(0) ? Tensor.wrap(dx, shape) : null;
    int next = 1;
    if (hasWeight) {
      grads[next] = needsGrad(next) ? Tensor.wrap(toFloats(dw), normalizedShape) : null;
      next++;
    }
    if (hasBias) {
      grads[next] = needsGrad(next) ? Tensor.wrap(toFloats(db), normalizedShape) : null;
    }
    return grads;
  }

  static float[] toFloats(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }
}
