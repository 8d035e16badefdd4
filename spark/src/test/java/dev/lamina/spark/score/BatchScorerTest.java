package dev.lamina.spark.score;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.lamina.Generator;
import dev.lamina.Module;
import dev.lamina.NoGrad;
import dev.lamina.Sequential;
import dev.lamina.Tensor;
import dev.lamina.nn.Linear;
import dev.lamina.nn.ReLU;
import dev.lamina.optim.Adam;
import dev.lamina.spark.Digits;
import dev.lamina.spark.SparkSessions;
import dev.lamina.spark.data.MnistFrames;
import dev.lamina.spark.data.TrainingData;
import dev.lamina.spark.nn.SampleDropout;
import dev.lamina.spark.train.SparkTrainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scoring a saved model over a Dataset gives one machine's predictions; Parquet is an input. */
class BatchScorerTest {
  private static final int SAMPLES = 400;

  @TempDir static Path scratch;
  private static SparkSession spark;
  private static Path modelFile;
  private static int[] expected;

  @BeforeAll
  static void trainAndSave() throws IOException {
    spark = SparkSessions.local("local[2]");
    Generator.manualSeed(3);
    Sequential model = new Sequential(Linear.create(784, 32), ReLU.create(),
        SampleDropout.create(0.1, 4), Linear.create(32, 10));
    SparkTrainer.Options options = new SparkTrainer.Options();
    options.batchSize = 100;
    try (TrainingData data = TrainingData.of(MnistFrames.of(spark, Digits.all(), 0, SAMPLES),
        "features", "label", 2)) {
      new SparkTrainer(JavaSparkContext.fromSparkContext(spark.sparkContext()), model,
          new Adam(model.parameters(), 3e-3), options).train(data, 12);
    }
    modelFile = scratch.resolve("model.safetensors");
    model.save(modelFile);
    expected = predictInOneJvm(Module.load(modelFile));
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @SuppressWarnings("try")
  private static int[] predictInOneJvm(Module model) {
    model.eval();
    try (NoGrad ignored = NoGrad.enter()) {
      long[] classes = model.forward(Tensor.wrap(Digits.pixels(SAMPLES), SAMPLES, 784))
          .argmax(1, false).toLongArray();
      int[] out = new int[classes.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = (int) classes[i];
      }
      return out;
    }
  }

  private static Dataset<Row> withRowNumbers(Dataset<Row> digits) {
    return digits.withColumn("row", functions.monotonically_increasing_id());
  }

  private static void assertPredictions(Dataset<Row> scored) {
    List<Row> rows = scored.orderBy("row").select("label", "prediction").collectAsList();
    assertThat(rows).hasSize(SAMPLES);
    int correct = 0;
    for (int i = 0; i < SAMPLES; i++) {
      assertWithMessage("prediction of row %s", i).that(rows.get(i).getInt(1))
          .isEqualTo(expected[i]);
      correct += rows.get(i).getInt(0) == rows.get(i).getInt(1) ? 1 : 0;
    }
    assertWithMessage("correct predictions of %s", SAMPLES).that(correct)
        .isGreaterThan(SAMPLES / 2);
  }

  @Test
  void predictionsOverPartitionsInSmallBatchesAreOneMachines() throws IOException {
    Dataset<Row> digits = withRowNumbers(MnistFrames.of(spark, Digits.all(), 0, SAMPLES))
        .repartition(3, functions.col("row"));

    Dataset<Row> scored = new BatchScorer(spark, modelFile.toString()).batchSize(37)
        .score(digits, "features", "prediction");

    assertThat(scored.columns()).asList()
        .containsExactly("features", "label", "row", "prediction").inOrder();
    assertPredictions(scored);
  }

  @Test
  void parquetRoundTripTrainsAndScoresTheSame() throws IOException {
    Dataset<Row> digits = withRowNumbers(MnistFrames.of(spark, Digits.all(), 0, SAMPLES));
    String folder = scratch.resolve("digits.parquet").toString();
    digits.write().parquet(folder);

    Dataset<Row> read = spark.read().parquet(folder);

    assertThat(read.count()).isEqualTo(SAMPLES);
    assertThat(read.orderBy("row").select("label").as(org.apache.spark.sql.Encoders.INT())
        .collectAsList()).containsExactlyElementsIn(
            java.util.Arrays.stream(Digits.labels(SAMPLES)).boxed().toList()).inOrder();
    assertPredictions(new BatchScorer(spark, folder.replace("digits.parquet", "model.safetensors"))
        .score(read, "features", "prediction"));
    try (TrainingData data = TrainingData.of(read, "features", "label", 0)) {
      assertThat(data.sampleCount()).isEqualTo(SAMPLES);
      assertThat(data.featuresPerSample()).isEqualTo(784);
    }
  }

  @Test
  void mlVectorFeaturesDenseAndSparseScoreAsArraysDo() throws IOException {
    Dataset<Row> digits = withRowNumbers(MnistFrames.of(spark, Digits.all(), 0, SAMPLES));
    Dataset<Row> dense = digits.withColumn("features",
        org.apache.spark.ml.functions.array_to_vector(functions.col("features")));
    assertThat(dense.schema().apply("features").dataType())
        .isInstanceOf(org.apache.spark.ml.linalg.VectorUDT.class);
    assertPredictions(new BatchScorer(spark, modelFile.toString())
        .score(dense, "features", "prediction"));

    // The same pixels as sparse vectors, most of an MNIST digit being zeros.
    List<Row> rows = new java.util.ArrayList<>();
    for (Row row : digits.collectAsList()) {
      List<Float> pixels = row.getList(0);
      double[] values = new double[pixels.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = pixels.get(i);
      }
      rows.add(org.apache.spark.sql.RowFactory.create(
          org.apache.spark.ml.linalg.Vectors.dense(values).toSparse(), row.getInt(1),
          row.getLong(2)));
    }
    org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
        .add("features", new org.apache.spark.ml.linalg.VectorUDT(), false)
        .add("label", org.apache.spark.sql.types.DataTypes.IntegerType, false)
        .add("row", org.apache.spark.sql.types.DataTypes.LongType, false);
    Dataset<Row> sparse = spark.createDataFrame(rows, schema).repartition(2);
    assertPredictions(new BatchScorer(spark, modelFile.toString()).batchSize(29)
        .score(sparse, "features", "prediction"));
    try (TrainingData data = TrainingData.of(sparse, "features", "label", 0)) {
      assertThat(data.featuresPerSample()).isEqualTo(784);
    }
  }
}
