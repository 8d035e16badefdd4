package dev.lamina.spark.cli;

import dev.lamina.Generator;
import dev.lamina.Sequential;
import dev.lamina.nn.Linear;
import dev.lamina.optim.SGD;
import dev.lamina.spark.data.FeatureColumns;
import dev.lamina.spark.data.TrainingData;
import dev.lamina.spark.train.Aggregation;
import dev.lamina.spark.train.SparkTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times a synchronous step whose compute is negligible (eight samples per partition through one
 * {@code Linear} layer), so that what is measured is the rest: broadcasting the weights, sending
 * and summing the gradients, and the update, for models of growing size, with each {@link
 * Aggregation}: the median of the timed steps, and the fastest and slowest.
 */
@Command(name = "time-aggregation", mixinStandardHelpOptions = true,
    description = "Times broadcast, gradient aggregation and update per step against model size.")
final class AggregationTimingCommand implements Callable<Integer> {
  private static final int INPUTS = 1000;

  @Option(names = "--master",
      description = "Spark master (default: spark-submit's, else local[2]).")
  String master;

  @Option(names = "--parameters", split = ",",
      defaultValue = "1000,10000,100000,1000000,10000000",
      description = "Model sizes, in parameters (default: ${DEFAULT-VALUE}).")
  List<Integer> sizes;

  @Option(names = "--steps", defaultValue = "6",
      description = "Steps per size, the first not counted (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--partitions", defaultValue = "2",
      description = "Partitions (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--aggregation", split = ",", defaultValue = "TREE,SHARDED",
      description = "Aggregation modes to time, of ${COMPLETION-CANDIDATES}"
          + " (default: ${DEFAULT-VALUE}).")
  List<Aggregation> aggregations;

  @Override
  public Integer call() throws Exception {
    if (steps < 2) {
      throw new IllegalArgumentException("--steps must be at least 2, one untimed and one timed,"
          + " but it is " + steps);
    }
    SparkSession spark = Sessions.start(master, "lamina time-aggregation");
    try {
      JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
      Dataset<Row> data = samples(spark, 8 * partitions);
      System.out.printf("%12s %8s %10s %10s %10s %14s%n", "parameters", "mode", "median ms",
          "min ms", "max ms", "MB/s gradients");
      for (int size : sizes) {
        int outputs = Math.max(1, size / INPUTS);
        for (Aggregation aggregation : aggregations) {
          Generator.manualSeed(0);
          Sequential model = new Sequential(Linear.create(INPUTS, outputs));
          List<Double> seconds = new ArrayList<>();
          SparkTrainer.Options options = new SparkTrainer.Options();
          options.batchSize = 8 * partitions;
          options.aggregation = aggregation;
          options.listener = report -> seconds.add(report.seconds());
          try (TrainingData training = TrainingData.of(data, "features", "label", partitions)) {
            new SparkTrainer(context, model, parameters -> new SGD(parameters, 0.01), options)
                .train(training, steps);
          }
          double[] timed = seconds.subList(1, seconds.size()).stream()
              .mapToDouble(Double::doubleValue).sorted().toArray();
          double median = timed.length % 2 == 1 ? timed[timed.length / 2]
              : (timed[timed.length / 2 - 1] + timed[timed.length / 2]) / 2;
          long parameters = (long) INPUTS * outputs + outputs;
          System.out.printf("%12d %8s %10.1f %10.1f %10.1f %14.0f%n", parameters, aggregation,
              median * 1000, timed[0] * 1000, timed[timed.length - 1] * 1000,
              parameters * 4.0 * partitions / median / 1e6);
        }
      }
      return 0;
    } finally {
      spark.stop();
    }
  }

  private static Dataset<Row> samples(SparkSession spark, int count) {
    Generator generator = new Generator(1);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Float[] features = new Float[INPUTS];
      for (int j = 0; j < INPUTS; j++) {
        features[j] = generator.nextUniform();
      }
      rows.add(RowFactory.create(features, 0));
    }
    StructType schema = new StructType().add(FeatureColumns.featuresField("features"))
        .add(DataTypes.createStructField("label", DataTypes.IntegerType, false));
    return spark.createDataFrame(rows, schema);
  }
}
