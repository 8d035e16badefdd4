package dev.lamina.spark.data;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The training samples one partition holds, in memory: each sample's index in the whole data set,
 * its features, row-major, and its label. Training keeps one block per partition cached, so that a
 * step reads arrays, not rows.
 */
public final class SampleBlock implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long[] indices;
  private final float[] features;
  private final int[] labels;
  private final int featuresPerSample;

  /** A block of {@code indices.length} samples of {@code featuresPerSample} features each. */
  public SampleBlock(long[] indices, float[] features, int[] labels, int featuresPerSample) {
    if (labels.length != indices.length
        || (long) indices.length * featuresPerSample != features.length) {
      throw new IllegalArgumentException("SampleBlock: " + indices.length + " indices, "
          + labels.length + " labels and " + features.length + " features do not make samples of "
          + featuresPerSample + " features");
    }
    this.indices = indices;
    this.features = features;
    this.labels = labels;
    this.featuresPerSample = featuresPerSample;
  }

  /** The number of samples. */
  public int size() {
    return indices.length;
  }

  /** The index in the whole data set of sample {@code i}. */
  public long index(int i) {
    return indices[i];
  }

  /** The label of sample {@code i}. */
  public int label(int i) {
    return labels[i];
  }

  /** The number of features of each sample. */
  public int featuresPerSample() {
    return featuresPerSample;
  }

  /** Copies the features of sample {@code i} to {@code out} from {@code offset}. */
  public void copyFeatures(int i, float[] out, int offset) {
    System.arraycopy(features, i * featuresPerSample, out, offset, featuresPerSample);
  }

  @Override
  public String toString() {
    return "SampleBlock(" + size() + " samples of " + featuresPerSample + " features, indices "
        + (indices.length <= 8 ? Arrays.toString(indices) : "from " + indices[0]) + ")";
  }
}
