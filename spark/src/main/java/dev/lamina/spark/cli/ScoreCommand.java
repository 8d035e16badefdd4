package dev.lamina.spark.cli;

import dev.lamina.spark.score.BatchScorer;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Applies a saved model to a Parquet data set and writes it back with a prediction column. */
@Command(name = "score", mixinStandardHelpOptions = true,
    description = "Adds the predictions of a saved model to a Parquet data set.")
final class ScoreCommand implements Callable<Integer> {
  @Option(names = "--master",
      description = "Spark master (default: spark-submit's, else local[2]).")
  String master;

  @Option(names = "--model", required = true, description = "The model file (Module.save format).")
  String model;

  @Option(names = "--input", required = true, description = "Parquet input folder or file.")
  String input;

  @Option(names = "--output", required = true, description = "Parquet output folder (replaced).")
  String output;

  @Option(names = "--features", defaultValue = "features",
      description = "The array<float> column to score (default: ${DEFAULT-VALUE}).")
  String features;

  @Option(names = "--prediction", defaultValue = "prediction",
      description = "The column to add (default: ${DEFAULT-VALUE}).")
  String prediction;

  @Option(names = "--batch-size", defaultValue = "256",
      description = "Rows per forward pass (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Override
  public Integer call() throws Exception {
    SparkSession spark = Sessions.start(master, "lamina score");
    try {
      long start = System.nanoTime();
      Dataset<Row> scored = new BatchScorer(spark, model).batchSize(batchSize)
          .score(spark.read().parquet(input), features, prediction);
      scored.write().mode(SaveMode.Overwrite).parquet(output);
      long rows = spark.read().parquet(output).count();
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("scored %d rows in %.1f s (%.0f rows/s): %s%n", rows, seconds,
          rows / seconds, output);
      return 0;
    } finally {
      spark.stop();
    }
  }
}
