package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.Workspace;
import dev.lamina.kernels.RowReductions;
import dev.lamina.kernels.Shapes;
import java.util.Arrays;

/**
 * Layer normalization over the last dimensions, as PyTorch's {@code layer_norm}: each group of
 * {@code normalizedShape} elements (a row) becomes {@code (x - mean) / sqrt(var + eps) · weight +
 * bias}, with the row's mean and biased variance found in two passes in double precision (the mean,
 * then the squared deviations from it), which stays accurate when the mean is large beside the
 * spread. The normalizing pass runs in float, the mean split in two floats ({@code mean = high +
 * low}) so that {@code (x - high) - low} loses nothing to a large mean. The mean and {@code rstd =
 * 1/sqrt(var + eps)} of every row are kept for the backward:
 * {@code dx = rstd (g' - mean(g') - x̂ mean(g' x̂))} with {@code g' = grad · weight} and
 * {@code x̂} the normalized input; {@code dweight = Σ grad x̂}, {@code dbias = Σ grad} over the
 * rows. Rows are short (a transformer's width), so each pass is one plain loop over the row and
 * nothing is allocated per row. The op behind {@link Tensor#layerNorm}; the layer is
 * {@link dev.lamina.nn.LayerNorm}.
 */
public final class LayerNormOp extends Function {
  private final float[] x;
  private final int[] shape;
  private final int[] normalizedShape;
  /** The weight, or ones when there is none. */
  private final float[] scale;
  private final boolean hasWeight;
  private final boolean hasBias;
  private final int size;
  private final double[] means;
  private final double[] rstds;

  private LayerNormOp(Tensor[] inputs, float[] x, int[] normalizedShape, float[] scale,
      boolean hasWeight, boolean hasBias, int size, double[] means, double[] rstds) {
    super(inputs);
    this.x = x;
    this.shape = inputs[0].shape();
    this.normalizedShape = normalizedShape.clone();
    this.scale = scale;
    this.hasWeight = hasWeight;
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
    float[] scale = weight == null ? filled(size, 1f) : weight.toFloatArray();
    float[] shift = bias == null ? new float[size] : bias.toFloatArray();
    int rows = size == 0 ? 0 : in.length / size;
    double[] means = new double[rows];
    double[] rstds = new double[rows];
    float[] out = Workspace.floatsToOverwrite(in.length);
    // Each row is copied to the start of an array of its own and back, so that the loop reads and
    // writes every array at one index: the JIT vectorizes that loop, and not one that reads the
    // row at another offset than the weights (it cannot rule out that the arrays overlap).
    float[] row = new float[size];
    for (int r = 0; r < rows; r++) {
      int base = r * size;
      double mean = RowReductions.sum(in, base, size) / size;
      double rstd = 1 / Math.sqrt(RowReductions.squaredDeviations(in, base, size, mean) / size + eps);
      means[r] = mean;
      rstds[r] = rstd;
      float high = (float) mean;
      float low = (float) (mean - high);
      float factor = (float) rstd;
      System.arraycopy(in, base, row, 0, size);
      for (int i = 0; i < size; i++) {
        row[i] = ((row[i] - high) - low) * factor * scale[i] + shift[i];
      }
      System.arraycopy(row, 0, out, base, size);
    }
    Tensor[] inputs = present(x, weight, bias);
    return record(Tensor.wrap(out, shape), new LayerNormOp(inputs, in, normalizedShape, scale,
        weight != null, bias != null, size, means, rstds));
  }

  private static float[] filled(int size, float value) {
    float[] values = new float[size];
    Arrays.fill(values, value);
    return values;
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
    float[] dx = Workspace.floatsToOverwrite(x.length);
    double[] dw = new double[size];
    double[] db = new double[size];
    // Rows at the start of arrays of their own, as in the forward, so that the loops vectorize.
    float[] normalized = new float[size];
    float[] gradRow = new float[size];
    float[] scaled = new float[size];
    for (int r = 0; r < means.length; r++) {
      int base = r * size;
      float high = (float) means[r];
      float low = (float) (means[r] - high);
      float factor = (float) rstds[r];
      System.arraycopy(x, base, normalized, 0, size);
      System.arraycopy(g, base, gradRow, 0, size);
      for (int i = 0; i < size; i++) {
        normalized[i] = ((normalized[i] - high) - low) * factor;
        scaled[i] = gradRow[i] * scale[i];
      }
      for (int i = 0; i < size; i++) {
        dw[i] += gradRow[i] * normalized[i];
        db[i] += gradRow[i];
      }
      float meanScaled = (float) (RowReductions.sum(scaled, 0, size) / size);
      float meanScaledNormalized = (float) (RowReductions.dot(scaled, 0, normalized, 0, size) / size);
      for (int i = 0; i < size; i++) {
        scaled[i] = factor * (scaled[i] - meanScaled - normalized[i] * meanScaledNormalized);
      }
      System.arraycopy(scaled, 0, dx, base, size);
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
