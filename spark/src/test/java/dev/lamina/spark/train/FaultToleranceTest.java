package dev.lamina.spark.train;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.Generator;
import dev.lamina.Module;
import dev.lamina.Sequential;
import dev.lamina.nn.Linear;
import dev.lamina.nn.ReLU;
import dev.lamina.optim.Adam;
import dev.lamina.optim.Optimizer;
import dev.lamina.optim.SGD;
import dev.lamina.spark.Digits;
import dev.lamina.spark.SparkSessions;
import dev.lamina.spark.data.MnistFrames;
import dev.lamina.spark.data.TrainingData;
import dev.lamina.spark.io.HadoopCheckpoints;
import dev.lamina.spark.nn.SampleDropout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task that fails is retried with an unchanged result; training resumes from checkpoints. */
class FaultToleranceTest {
  private static final int SAMPLES = 256;
  private static final int STEPS = 6;

  @TempDir static Path scratch;
  private static SparkSession spark;
  private static JavaSparkContext context;
  private static Dataset<Row> digits;

  @BeforeAll
  static void startSpark() {
    // Two threads, and a task may fail once before its job does.
    spark = SparkSessions.local("local[2,2]");
    context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    digits = MnistFrames.of(spark, Digits.all(), 0, SAMPLES);
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  private static Sequential model(int failAtStep) {
    Generator.manualSeed(5);
    return new Sequential(Linear.create(784, 32), ReLU.create(), SampleDropout.create(0.1, 9),
        FailOnceInTask.create(failAtStep), Linear.create(32, 10));
  }

  private static SparkTrainer.Options options() {
    SparkTrainer.Options options = new SparkTrainer.Options();
    options.batchSize = 48;
    options.seed = 1;
    return options;
  }

  private static List<Double> train(Module model, SparkTrainer.Options options, long steps)
      throws IOException {
    return train(model, new SGD(model.parameters(), 0.1), options, steps);
  }

  private static List<Double> train(Module model, Optimizer optimizer,
      SparkTrainer.Options options, long steps) throws IOException {
    try (TrainingData data = TrainingData.of(digits, "features", "label", 3)) {
      return new SparkTrainer(context, model, optimizer, options).train(data, steps);
    }
  }

  @Test
  void aTaskThatFailsMidEpochIsRetriedAndTheLossesAreUnchanged() throws IOException {
    List<Double> clean = train(model(-1), options(), STEPS);
    FailOnceInTask.FAILURES.set(0);

    List<Double> retried = train(model(3), options(), STEPS);

    assertWithMessage("failures injected").that(FailOnceInTask.FAILURES.get()).isEqualTo(1);
    for (int i = 0; i < STEPS; i++) {
      assertWithMessage("loss of step %s", i).that(retried.get(i))
          .isWithin(SameLossesAsOneJvmContract.TOLERANCE).of(clean.get(i));
    }
  }

  @Test
  void aTaskThatFailsInAShardedStepIsRetriedAndTheLossesAreUnchanged() throws IOException {
    List<Double> clean = train(model(-1), options(), STEPS);
    FailOnceInTask.FAILURES.set(0);

    SparkTrainer.Options sharded = options();
    sharded.aggregation = Aggregation.SHARDED;
    Module model = model(3);
    List<Double> retried;
    try (TrainingData data = TrainingData.of(digits, "features", "label", 3)) {
      retried = new SparkTrainer(context, model, parameters -> new SGD(parameters, 0.1), sharded)
          .train(data, STEPS);
    }

    assertWithMessage("failures injected").that(FailOnceInTask.FAILURES.get()).isEqualTo(1);
    for (int i = 0; i < STEPS; i++) {
      assertWithMessage("loss of step %s", i).that(retried.get(i))
          .isWithin(SameLossesAsOneJvmContract.TOLERANCE).of(clean.get(i));
    }
  }

  @Test
  void resumingFromACheckpointGivesTheLossesOfAStraightRun() throws IOException {
    SparkTrainer.Options straight = options();
    straight.checkpointFolder = scratch.resolve("straight").toString();
    straight.checkpointEvery = STEPS / 2;
    List<Double> all = train(model(-1), straight, STEPS);

    SparkTrainer.Options firstHalf = options();
    firstHalf.checkpointFolder = scratch.resolve("resumed").toString();
    firstHalf.checkpointEvery = STEPS / 2;
    List<Double> losses = new ArrayList<>(train(model(-1), firstHalf, STEPS / 2));
    SparkTrainer.Options secondHalf = options();
    secondHalf.checkpointFolder = firstHalf.checkpointFolder;
    secondHalf.checkpointEvery = STEPS / 2;
    secondHalf.resume = true;
    // The resumed model starts from other weights, then loads the checkpoint's.
    Generator.manualSeed(1234);
    Module fresh = new Sequential(Linear.create(784, 32), ReLU.create(),
        SampleDropout.create(0.1, 9), FailOnceInTask.create(-1), Linear.create(32, 10));
    losses.addAll(train(fresh, secondHalf, STEPS));

    assertThat(losses).hasSize(STEPS);
    for (int i = 0; i < STEPS; i++) {
      assertWithMessage("loss of step %s", i).that(losses.get(i))
          .isWithin(SameLossesAsOneJvmContract.TOLERANCE).of(all.get(i));
    }
    assertThat(checkpointNames(straight.checkpointFolder)).containsExactly(
        "step-000000003.optimizer.safetensors", "step-000000003.safetensors",
        "step-000000006.optimizer.safetensors", "step-000000006.safetensors");
    Path last = Path.of(straight.checkpointFolder, "step-000000006.safetensors");
    assertWithMessage("a checkpoint is a Module.save file").that(Module.load(last).parameters())
        .hasSize(4);
    assertThat(new HadoopCheckpoints(straight.checkpointFolder, context.hadoopConfiguration())
        .latest().orElseThrow().step()).isEqualTo(STEPS);
  }

  @Test
  void resumingWithAdamContinuesItsMomentsAndGivesTheLossesOfAStraightRun() throws IOException {
    Module uninterrupted = model(-1);
    List<Double> all = train(uninterrupted, adam(uninterrupted), options(), STEPS);
    Module first = model(-1);
    SparkTrainer.Options firstHalf = options();
    firstHalf.checkpointFolder = scratch.resolve("adam").toString();
    firstHalf.checkpointEvery = STEPS / 2;
    List<Double> losses = new ArrayList<>(train(first, adam(first), firstHalf, STEPS / 2));
    SparkTrainer.Options secondHalf = options();
    secondHalf.checkpointFolder = firstHalf.checkpointFolder;
    secondHalf.checkpointEvery = STEPS / 2;
    secondHalf.resume = true;
    Module fresh = model(-1);
    losses.addAll(train(fresh, adam(fresh), secondHalf, STEPS));
    for (int i = 0; i < STEPS; i++) {
      assertWithMessage("loss of step %s", i).that(losses.get(i))
          .isWithin(SameLossesAsOneJvmContract.TOLERANCE).of(all.get(i));
    }
  }

  @Test
  void aCheckpointWithoutTheOptimizersStateIsNotResumedByOneThatKeepsState() throws IOException {
    SparkTrainer.Options options = options();
    options.checkpointFolder = scratch.resolve("weights-only").toString();
    Module model = model(-1);
    new HadoopCheckpoints(options.checkpointFolder, context.hadoopConfiguration()).save(model, 2);
    options.resume = true;
    IOException error = assertThrows(IOException.class,
        () -> new SparkTrainer(context, model, adam(model), options));
    assertThat(error).hasMessageThat().contains("has no optimizer state beside it");
    assertThat(error).hasMessageThat().contains("Adam keeps [exp_avg, exp_avg_sq]");
  }

  private static Optimizer adam(Module model) {
    return new Adam(model.parameters(), 0.01);
  }

  private static List<String> checkpointNames(String folder) throws IOException {
    try (Stream<Path> files = Files.list(Path.of(folder))) {
      return files.map(p -> p.getFileName().toString())
          .filter(name -> !name.startsWith(".") && !name.endsWith(".crc"))
          .sorted().collect(Collectors.toList());
    }
  }
}
