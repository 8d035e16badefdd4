package dev.lamina.spark.score;

import dev.lamina.Module;
import dev.lamina.NoGrad;
import dev.lamina.Tensor;
import dev.lamina.spark.data.FeatureColumns;
import dev.lamina.spark.io.HadoopCheckpoints;
import dev.lamina.spark.train.ModelReplicas;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Applies a saved classifier to a features column: the model file is read once on the driver and
 * broadcast, each executor rebuilds the model from it once per thread, and each partition runs the
 * model in evaluation mode under {@link NoGrad} on batches of rows, adding the predicted class
 * (the arg-max of the outputs) as a new integer column.
 *
 * <pre>{@code
 * Dataset<Row> scored = new BatchScorer(spark, "hdfs:///models/mnist.safetensors")
 *     .score(digits, "features", "prediction");
 * }</pre>
 */
public final class BatchScorer {
  private final SparkSession spark;
  private final byte[] modelBytes;
  private int batchSize = 256;
  private int[] sampleShape;

  /** A scorer with the {@code Module.save} file at {@code modelFile}, a Hadoop path or URI. */
  public BatchScorer(SparkSession spark, String modelFile) throws IOException {
    this.spark = spark;
    this.modelBytes = HadoopCheckpoints.readBytes(modelFile,
        spark.sparkContext().hadoopConfiguration());
  }

  /** Rows per forward pass (256 unless set). */
  public BatchScorer batchSize(int rows) {
    if (rows <= 0) {
      throw new IllegalArgumentException("batch size must be positive, but it is " + rows);
    }
    this.batchSize = rows;
    return this;
  }

  /** The shape of one sample as the model takes it (the flat features unless set). */
  public BatchScorer sampleShape(int... shape) {
    this.sampleShape = shape.clone();
    return this;
  }

  /** {@code input} with a column {@code outputColumn} of predicted classes appended. */
  public Dataset<Row> score(Dataset<Row> input, String featuresColumn, String outputColumn) {
    int featuresIndex = FeatureColumns.requireFeatures(input, featuresColumn);
    StructType outputSchema = input.schema()
        .add(DataTypes.createStructField(outputColumn, DataTypes.IntegerType, false));
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<byte[]> model = context.broadcast(modelBytes);
    Partition partition = new Partition(UUID.randomUUID().toString(), model, featuresIndex,
        batchSize, sampleShape);
    return input.mapPartitions(partition::score, Encoders.row(outputSchema));
  }

  /** The work of one partition; serialized to the executors. */
  private static final class Partition implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final String runId;
    private final Broadcast<byte[]> model;
    private final int featuresIndex;
    private final int batchSize;
    private final int[] sampleShape;

    Partition(String runId, Broadcast<byte[]> model, int featuresIndex, int batchSize,
        int[] sampleShape) {
      this.runId = runId;
      this.model = model;
      this.featuresIndex = featuresIndex;
      this.batchSize = batchSize;
      this.sampleShape = sampleShape;
    }

    Iterator<Row> score(Iterator<Row> rows) {
      return new Iterator<>() {
        private final List<Row> pending = new ArrayList<>();
        private int next;

        @Override
        public boolean hasNext() {
          if (next < pending.size()) {
            return true;
          }
          pending.clear();
          next = 0;
          List<Row> batch = new ArrayList<>(batchSize);
          while (batch.size() < batchSize && rows.hasNext()) {
            batch.add(rows.next());
          }
          if (batch.isEmpty()) {
            return false;
          }
          int[] predictions = predict(batch);
          for (int i = 0; i < batch.size(); i++) {
            Row row = batch.get(i);
            Object[] values = new Object[row.length() + 1];
            for (int c = 0; c < row.length(); c++) {
              values[c] = row.get(c);
            }
            values[row.length()] = predictions[i];
            pending.add(RowFactory.create(values));
          }
          return true;
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new java.util.NoSuchElementException();
          }
          return pending.get(next++);
        }
      };
    }

    @SuppressWarnings("try")
    private int[] predict(List<Row> batch) {
      int features = FeatureColumns.featureCount(batch.get(0), featuresIndex);
      float[] inputs = new float[batch.size() * features];
      for (int i = 0; i < batch.size(); i++) {
        int count = FeatureColumns.featureCount(batch.get(i), featuresIndex);
        if (count != features) {
          throw new IllegalArgumentException("features: a row has " + count + " values where the"
              + " first of its batch has " + features);
        }
        FeatureColumns.copyFeatures(batch.get(i), featuresIndex, inputs, i * features);
      }
      int[] shape;
      if (sampleShape == null) {
        shape = new int[] {batch.size(), features};
      } else {
        shape = new int[sampleShape.length + 1];
        shape[0] = batch.size();
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
      }
      Module replica = ModelReplicas.borrow(runId, model::value);
      try (NoGrad ignored = NoGrad.enter()) {
        replica.eval();
        long[] classes = replica.forward(Tensor.wrap(inputs, shape)).argmax(1, false)
            .toLongArray();
        int[] out = new int[classes.length];
        for (int i = 0; i < out.length; i++) {
          out[i] = (int) classes[i];
        }
        return out;
      } finally {
        ModelReplicas.giveBack(runId, replica);
      }
    }
  }
}
