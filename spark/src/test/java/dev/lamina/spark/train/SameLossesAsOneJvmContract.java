package dev.lamina.spark.train;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.Module;
import dev.lamina.optim.Adam;
import dev.lamina.optim.SGD;
import dev.lamina.spark.Digits;
import dev.lamina.spark.SparkSessions;
import dev.lamina.spark.data.MnistFrames;
import dev.lamina.spark.data.TrainingData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Synchronous training on Spark gives the losses of the plain runtime in one JVM, over the same
 * global batches, to float tolerance, for each master a subclass names and for several
 * partitionings, with the gradients summed on the driver or sharded over the executors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SameLossesAsOneJvmContract {
  /**
   * Losses are float32 means near 2.3, whose ulp is 2.4e-7. The only difference from one JVM is the
   * order in which float32 gradients are summed (per shard, then across shards in the order tasks
   * finish); over these 8 steps the losses have been seen to differ by at most one ulp, so 20 ulps
   * leaves a margin, while a sample counted twice or dropped would move the loss by about 0.04.
   */
  static final double TOLERANCE = 5e-6;
  static final int SAMPLES = 320;
  static final int BATCH = 64;
  static final int STEPS = 8;

  SparkSession spark;
  Dataset<Row> digits;

  abstract String master();

  @BeforeAll
  void startSpark() {
    spark = SparkSessions.local(master());
    digits = MnistFrames.of(spark, Digits.all(), 0, SAMPLES);
  }

  @AfterAll
  void stopSpark() {
    spark.stop();
  }

  @Test
  void mlpAsInputIsPartitioned() throws IOException {
    assertSameLosses(TestModels::mlp, 0, Aggregation.TREE);
  }

  @Test
  void mlpOnThreePartitions() throws IOException {
    assertSameLosses(TestModels::mlp, 3, Aggregation.TREE);
  }

  @Test
  void deeperModelOnFivePartitions() throws IOException {
    assertSameLosses(TestModels::deeper, 5, Aggregation.TREE);
  }

  @Test
  void convolutionalModelOnThreePartitions() throws IOException {
    assertSameLosses(TestModels::cnn, 3, Aggregation.TREE);
  }

  @Test
  void convolutionalModelSharded() throws IOException {
    assertSameLosses(TestModels::cnn, 2, Aggregation.SHARDED);
  }

  @Test
  void mlpShardedOnThreePartitions() throws IOException {
    assertSameLosses(TestModels::mlp, 3, Aggregation.SHARDED);
  }

  @Test
  void shardedAggregationWithAdamGivesTheLossesAndWeightsOfTreeAggregate() throws IOException {
    Module tree = TestModels.deeper();
    Module sharded = TestModels.deeper();
    SparkTrainer treeTrainer = trainer(tree, Aggregation.TREE);
    SparkTrainer shardedTrainer = trainer(sharded, Aggregation.SHARDED);
    List<Double> treeLosses;
    List<Double> shardedLosses;
    try (TrainingData data = TrainingData.of(digits, "features", "label", 2)) {
      // Two calls, so that the second starts the shards from the state the first brought back.
      treeLosses = new ArrayList<>(treeTrainer.train(data, STEPS / 2));
      treeLosses.addAll(treeTrainer.train(data, STEPS));
      shardedLosses = new ArrayList<>(shardedTrainer.train(data, STEPS / 2));
      shardedLosses.addAll(shardedTrainer.train(data, STEPS));
    }

    assertWithMessage("losses").that(shardedLosses).hasSize(STEPS);
    for (int i = 0; i < STEPS; i++) {
      assertWithMessage("loss of step %s; all: %s vs %s", i, shardedLosses, treeLosses)
          .that(shardedLosses.get(i)).isWithin(TOLERANCE).of(treeLosses.get(i));
    }
    float[] want = FlatParameters.values(tree);
    float[] got = FlatParameters.values(sharded);
    for (int i = 0; i < want.length; i++) {
      assertWithMessage("parameter value %s", i).that((double) got[i]).isWithin(1e-5).of(want[i]);
    }
    Map<String, float[]> wantState = FlatOptimizerState.of(treeTrainer.optimizer()).arrays();
    Map<String, float[]> gotState = FlatOptimizerState.of(shardedTrainer.optimizer()).arrays();
    assertThat(gotState.keySet()).containsExactly("exp_avg", "exp_avg_sq").inOrder();
    for (String name : wantState.keySet()) {
      for (int i = 0; i < want.length; i++) {
        assertWithMessage("%s of value %s", name, i).that((double) gotState.get(name)[i])
            .isWithin(1e-6).of(wantState.get(name)[i]);
      }
    }
  }

  @Test
  void shardedAggregationRefusesAnOptimizerItCannotRebuildOnExecutors() {
    Module model = TestModels.mlp();
    SparkTrainer.Options options = new SparkTrainer.Options();
    options.aggregation = Aggregation.SHARDED;
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> new SparkTrainer(JavaSparkContext.fromSparkContext(spark.sparkContext()), model,
            new SGD(model.parameters(), 0.1), options));
    assertThat(error).hasMessageThat().contains("needs an OptimizerFactory");
  }

  private SparkTrainer trainer(Module model, Aggregation aggregation) throws IOException {
    SparkTrainer.Options options = new SparkTrainer.Options();
    options.batchSize = BATCH;
    options.seed = 3;
    options.aggregation = aggregation;
    return new SparkTrainer(JavaSparkContext.fromSparkContext(spark.sparkContext()), model,
        parameters -> new Adam(parameters, 0.01), options);
  }

  @Test
  void localStepsOnOnePartitionAreSynchronousSgd() throws IOException {
    Module reference = TestModels.mlp();
    List<Double> expected = SingleJvmTraining.train(reference,
        new SGD(reference.parameters(), 0.1), Digits.pixels(SAMPLES), Digits.labels(SAMPLES), 784,
        new BatchSchedule(SAMPLES, BATCH, 3), 6);

    Module averaged = TestModels.mlp();
    SparkTrainer.Options options = new SparkTrainer.Options();
    options.batchSize = BATCH;
    options.seed = 3;
    options.localSteps = 3;
    options.localLearningRate = 0.1;
    List<Double> rounds;
    try (TrainingData data = TrainingData.of(digits, "features", "label", 1)) {
      rounds = new SparkTrainer(JavaSparkContext.fromSparkContext(spark.sparkContext()), averaged,
          new SGD(averaged.parameters(), 1.0), options).train(data, 6);
    }

    assertWithMessage("rounds").that(rounds).hasSize(2);
    for (int round = 0; round < 2; round++) {
      double mean = expected.subList(3 * round, 3 * round + 3).stream()
          .mapToDouble(Double::doubleValue).average().orElseThrow();
      assertWithMessage("mean loss of round %s", round).that(rounds.get(round))
          .isWithin(TOLERANCE).of(mean);
    }
    float[] want = FlatParameters.values(reference);
    float[] got = FlatParameters.values(averaged);
    for (int i = 0; i < want.length; i++) {
      assertWithMessage("parameter value %s", i).that((double) got[i]).isWithin(1e-5).of(want[i]);
    }
  }

  @Test
  void localStepsOnThreePartitionsLowerTheLoss() throws IOException {
    Module model = TestModels.mlp();
    SparkTrainer.Options options = new SparkTrainer.Options();
    options.batchSize = BATCH;
    options.localSteps = 2;
    options.localLearningRate = 0.1;
    List<Double> rounds;
    try (TrainingData data = TrainingData.of(digits, "features", "label", 3)) {
      rounds = new SparkTrainer(JavaSparkContext.fromSparkContext(spark.sparkContext()), model,
          new SGD(model.parameters(), 1.0), options).train(data, 10);
    }
    assertWithMessage("rounds").that(rounds).hasSize(5);
    for (int round = 1; round < 5; round++) {
      assertWithMessage("losses %s", rounds).that(rounds.get(round))
          .isLessThan(rounds.get(round - 1));
    }
    assertWithMessage("losses %s", rounds).that(rounds.get(4)).isLessThan(rounds.get(0) - 0.1);
  }

  private void assertSameLosses(Supplier<Module> model, int partitions, Aggregation aggregation)
      throws IOException {
    Module reference = model.get();
    BatchSchedule schedule = new BatchSchedule(SAMPLES, BATCH, 3);
    List<Double> expected = SingleJvmTraining.train(reference,
        new SGD(reference.parameters(), 0.05, 0.9), Digits.pixels(SAMPLES),
        Digits.labels(SAMPLES), 784, schedule, STEPS);

    Module distributed = model.get();
    SparkTrainer.Options options = new SparkTrainer.Options();
    options.batchSize = BATCH;
    options.seed = 3;
    options.aggregation = aggregation;
    List<Double> losses;
    try (TrainingData data = TrainingData.of(digits, "features", "label", partitions)) {
      SparkTrainer trainer = new SparkTrainer(JavaSparkContext.fromSparkContext(
          spark.sparkContext()), distributed, parameters -> new SGD(parameters, 0.05, 0.9),
          options);
      losses = trainer.train(data, STEPS);
    }

    assertWithMessage("losses").that(losses).hasSize(STEPS);
    for (int i = 0; i < STEPS; i++) {
      assertWithMessage("loss of step %s on %s, %s partitions, %s; all: %s vs %s", i, master(),
          partitions, aggregation, losses, expected)
          .that(losses.get(i)).isWithin(TOLERANCE).of(expected.get(i));
    }
    assertWithMessage("training lowers the loss").that(losses.get(STEPS - 1))
        .isLessThan(losses.get(0));
  }
}
