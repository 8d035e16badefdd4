package dev.lamina.spark.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * A data set ready for training: one cached {@link SampleBlock} per partition. Each sample is
 * numbered by its position in the input {@link Dataset}'s order, which is what the batch schedule
 * and per-sample dropout use, so that repartitioning changes where a sample is computed, never what
 * is computed for it.
 */
public final class TrainingData implements AutoCloseable {
  private final JavaRDD<SampleBlock> blocks;
  private final long sampleCount;
  private final int featuresPerSample;

  private TrainingData(JavaRDD<SampleBlock> blocks, long sampleCount, int featuresPerSample) {
    this.blocks = blocks;
    this.sampleCount = sampleCount;
    this.featuresPerSample = featuresPerSample;
  }

  /**
   * Numbers the rows of {@code data}, spreads them over {@code partitions} partitions (or keeps the
   * input's partitioning when it is 0), and caches them as blocks.
   *
   * @throws IllegalArgumentException if a column is missing or mistyped, the data set is empty, or
   *     rows have different numbers of features
   */
  public static TrainingData of(Dataset<Row> data, String featuresColumn, String labelColumn,
      int partitions) {
    FeatureColumns.requireFeatures(data, featuresColumn);
    FeatureColumns.requireLabels(data, labelColumn);
    Dataset<Row> selected = data.select(featuresColumn, labelColumn);
    JavaPairRDD<Row, Long> numbered = selected.javaRDD().zipWithIndex();
    if (partitions > 0 && partitions != numbered.getNumPartitions()) {
      numbered = numbered.repartition(partitions);
    }
    JavaRDD<SampleBlock> blocks = numbered.mapPartitions(TrainingData::block)
        .persist(StorageLevel.MEMORY_AND_DISK());
    List<Tuple2<Long, Integer>> sizes = blocks
        .map(block -> new Tuple2<>((long) block.size(), block.featuresPerSample())).collect();
    long count = 0;
    int features = -1;
    for (Tuple2<Long, Integer> size : sizes) {
      if (size._1() == 0) {
        continue;
      }
      if (features >= 0 && features != size._2()) {
        blocks.unpersist(false);
        throw new IllegalArgumentException("features column \"" + featuresColumn + "\" has rows of "
            + features + " and of " + size._2() + " features; every row must have the same");
      }
      features = size._2();
      count += size._1();
    }
    if (count == 0) {
      blocks.unpersist(false);
      throw new IllegalArgumentException("the training data set is empty");
    }
    return new TrainingData(blocks, count, features);
  }

  private static Iterator<SampleBlock> block(Iterator<Tuple2<Row, Long>> rows) {
    List<Tuple2<Row, Long>> all = new ArrayList<>();
    rows.forEachRemaining(all::add);
    if (all.isEmpty()) {
      return Collections.singletonList(new SampleBlock(new long[0], new float[0], new int[0], 0))
          .iterator();
    }
    int features = FeatureColumns.featureCount(all.get(0)._1(), 0);
    long[] indices = new long[all.size()];
    float[] values = new float[Math.multiplyExact(all.size(), features)];
    int[] labels = new int[all.size()];
    for (int i = 0; i < all.size(); i++) {
      Row row = all.get(i)._1();
      if (FeatureColumns.featureCount(row, 0) != features) {
        throw new IllegalArgumentException("row " + all.get(i)._2() + " has "
            + FeatureColumns.featureCount(row, 0) + " features but row " + all.get(0)._2()
            + " has " + features + "; every row must have the same");
      }
      FeatureColumns.copyFeatures(row, 0, values, i * features);
      labels[i] = FeatureColumns.label(row, 1);
      indices[i] = all.get(i)._2();
    }
    return Collections.singletonList(new SampleBlock(indices, values, labels, features)).iterator();
  }

  /** The cached blocks, one per partition. */
  public JavaRDD<SampleBlock> blocks() {
    return blocks;
  }

  /** The number of samples. */
  public long sampleCount() {
    return sampleCount;
  }

  /** The number of features of each sample. */
  public int featuresPerSample() {
    return featuresPerSample;
  }

  /** Drops the cached blocks. */
  @Override
  public void close() {
    blocks.unpersist(false);
  }
}
