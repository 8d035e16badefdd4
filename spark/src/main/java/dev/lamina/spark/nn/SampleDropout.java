package dev.lamina.spark.nn;

import dev.lamina.Generator;
import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import java.util.Arrays;

/**
 * Inverted dropout, as {@code dev.lamina.nn.Dropout}, whose mask for each row is drawn from
 * {@code (seed, step, sample index)} of the enclosing {@link SampleContext} instead of from one
 * generator shared by every call. The runtime's {@code Dropout} draws its masks in call order, so
 * the masks a sample gets would depend on how a global batch was split into shards; this one gives
 * a sample the same mask at the same step wherever it is computed.
 *
 * <p>In training mode {@code forward} must run inside a {@link SampleContext} whose row count is
 * the input's first dimension; in evaluation mode it passes the input through.
 */
@Layer
public abstract class SampleDropout extends Module {
  final double p;
  final long seed;

  SampleDropout(double p, long seed) {
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException("SampleDropout: p must be in [0, 1), but it is " + p);
    }
    this.p = p;
    this.seed = seed;
  }

  /**
   * Dropout with probability {@code p}; give each dropout layer of a model its own {@code seed}, so
   * that two layers of the same width do not drop the same units.
   */
  public static SampleDropout create(double p, long seed) {
    return new Lamina_SampleDropout(p, seed);
  }

  @Override
  public Tensor forward(Tensor x) {
    if (!isTraining() || p == 0) {
      return x;
    }
    SampleContext context = SampleContext.current();
    int rows = x.dim() == 0 ? 0 : x.size(0);
    if (context == null || context.rows() != rows) {
      throw new IllegalStateException("SampleDropout.forward: in training mode the input of shape "
          + Arrays.toString(x.shape()) + " needs a SampleContext with one sample index per row, "
          + "but " + (context == null ? "none is open" : "the open one has " + context.rows()
          + " rows") + "; wrap the forward pass in SampleContext.enter(step, sampleIndices)");
    }
    float keepScale = (float) (1.0 / (1.0 - p));
    float[] mask = new float[x.numel()];
    int perRow = rows == 0 ? 0 : mask.length / rows;
    for (int row = 0; row < rows; row++) {
      Generator generator = new Generator(
          SeedMixer.mix(seed, context.step(), context.sampleIndex(row)));
      for (int i = row * perRow, end = i + perRow; i < end; i++) {
        mask[i] = generator.nextUniform() >= p ? keepScale : 0f;
      }
    }
    return x.mul(Tensor.wrap(mask, x.shape()));
  }

  @Override
  public String extraRepr() {
    return "p=" + p + ", seed=" + seed;
  }
}
