package dev.lamina.spark.cli;

import dev.lamina.Generator;
import dev.lamina.Sequential;
import dev.lamina.data.Mnist;
import dev.lamina.nn.Linear;
import dev.lamina.nn.ReLU;
import dev.lamina.optim.Adam;
import dev.lamina.spark.data.MnistFrames;
import dev.lamina.spark.data.TrainingData;
import dev.lamina.spark.io.HadoopCheckpoints;
import dev.lamina.spark.nn.SampleDropout;
import dev.lamina.spark.score.BatchScorer;
import dev.lamina.spark.train.Aggregation;
import dev.lamina.spark.train.SparkTrainer;
import dev.lamina.spark.train.StepReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Trains the examples' 784-256-128-10 network on MNIST with synchronous data-parallel steps on
 * Spark; prints epoch, step, loss and examples per second; saves the model, the held-out digits as
 * Parquet, and their predictions' accuracy.
 */
@Command(name = "train-mnist", mixinStandardHelpOptions = true,
    description = "Trains an MLP on MNIST on Spark: the first 80% of the digits to train, the"
        + " rest to test.")
final class TrainMnistCommand implements Callable<Integer> {
  @Option(names = "--master",
      description = "Spark master (default: spark-submit's, else local[2]).")
  String master;

  @Option(names = "--epochs", defaultValue = "3",
      description = "Epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--batch-size", defaultValue = "128",
      description = "Global batch size (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--lr", defaultValue = "0.001",
      description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--partitions", defaultValue = "0",
      description = "Partitions of the training data (default: Spark's default parallelism).")
  int partitions;

  @Option(names = "--images", description = "IDX images file (default: the bundled 10,000 digits).")
  Path images;

  @Option(names = "--labels", description = "IDX labels file (default: the bundled 10,000 digits).")
  Path labels;

  @Option(names = "--limit", defaultValue = "0",
      description = "Use only the first N digits (default: all).")
  int limit;

  @Option(names = "--out", defaultValue = "spark-mnist-output",
      description = "Output folder, a Hadoop path or URI (default: ${DEFAULT-VALUE}).")
  String out;

  @Option(names = "--checkpoint-every", defaultValue = "100",
      description = "Steps between checkpoints in OUT/checkpoints (default: ${DEFAULT-VALUE}).")
  int checkpointEvery;

  @Option(names = "--resume", description = "Start from the newest checkpoint in OUT/checkpoints.")
  boolean resume;

  @Option(names = "--aggregation", defaultValue = "TREE",
      description = "How gradients are summed, ${COMPLETION-CANDIDATES}: on the driver, or in"
          + " chunks on the executors (default: ${DEFAULT-VALUE}).")
  Aggregation aggregation;

  /** The examples' network, with dropout seeded per sample. */
  static Sequential model() {
    return new Sequential(Linear.create(784, 256), ReLU.create(), SampleDropout.create(0.2, 1),
        Linear.create(256, 128), ReLU.create(), SampleDropout.create(0.2, 2),
        Linear.create(128, 10));
  }

  @Override
  public Integer call() throws Exception {
    PrintStream console = System.out;
    Mnist mnist = Mnist.read(images != null ? images : MnistFrames.bundledImages(),
        labels != null ? labels : MnistFrames.bundledLabels());
    if (limit > 0 && limit < mnist.size()) {
      mnist = mnist.slice(0, limit);
    }
    int trainCount = mnist.size() * 4 / 5;
    SparkSession spark = Sessions.start(master, "lamina train-mnist");
    try {
      JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
      Dataset<Row> train = MnistFrames.of(spark, mnist, 0, trainCount);
      Dataset<Row> test = MnistFrames.of(spark, mnist, trainCount, mnist.size());
      Generator.manualSeed(seed);
      Sequential model = model();
      SparkTrainer.Options options = new SparkTrainer.Options();
      options.batchSize = batchSize;
      options.seed = seed;
      options.checkpointFolder = out + "/checkpoints";
      options.checkpointEvery = checkpointEvery;
      options.resume = resume;
      options.aggregation = aggregation;
      Progress progress = new Progress(console);
      options.listener = progress::step;
      try (TrainingData data = TrainingData.of(train, MnistFrames.FEATURES, MnistFrames.LABEL,
          partitions)) {
        console.printf("MNIST on Spark %s (%s): %d training digits in %d partitions, %d test"
                + " digits; global batch %d, Adam lr %s, %d epochs%n",
            spark.version(), spark.sparkContext().master(), data.sampleCount(),
            data.blocks().getNumPartitions(), mnist.size() - trainCount, batchSize, learningRate,
            epochs);
        double rate = learningRate;
        SparkTrainer trainer = new SparkTrainer(context, model,
            parameters -> new Adam(parameters, rate), options);
        if (trainer.step() > 0) {
          console.printf("resumed from the checkpoint after step %d%n", trainer.step());
        }
        trainer.trainEpochs(data, epochs);
      }
      String modelFile = out + "/mnist-mlp.safetensors";
      HadoopCheckpoints.writeModel(model, modelFile, context.hadoopConfiguration());
      String testFolder = out + "/test-digits.parquet";
      test.write().mode(SaveMode.Overwrite).parquet(testFolder);
      Dataset<Row> scored = new BatchScorer(spark, modelFile)
          .score(spark.read().parquet(testFolder), MnistFrames.FEATURES, "prediction");
      long correct = scored.filter("prediction = label").count();
      console.printf(
          "test accuracy %.2f%% (scored on Spark); model saved to %s, test digits to %s%n",
          100.0 * correct / (mnist.size() - trainCount), modelFile, testFolder);
      return 0;
    } finally {
      spark.stop();
    }
  }

  /** One line per step: the epoch, the step, the loss and the examples per second. */
  private static final class Progress {
    private final PrintStream out;
    private final long start = System.nanoTime();
    private long examples;

    Progress(PrintStream out) {
      this.out = out;
    }

    void step(StepReport report) {
      examples += report.batchSize();
      boolean last = report.stepInEpoch() == report.stepsPerEpoch() - 1;
      if (report.stepInEpoch() % 10 == 0 || last) {
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("epoch %d step %d/%d loss %.4f  %.0f examples/s (this step %.0f)%n",
            report.epoch() + 1, report.stepInEpoch() + 1, report.stepsPerEpoch(), report.loss(),
            examples / seconds, report.examplesPerSecond());
      }
    }
  }
}
