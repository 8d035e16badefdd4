package dev.lamina.spark.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar spark/target/lamina-spark.jar <command>}: {@code train-mnist} and
 * {@code score}, on a local master or, through {@code spark-submit}, on a cluster.
 */
@Command(name = "lamina-spark", mixinStandardHelpOptions = true,
    description = "Lamina models on Apache Spark: data-parallel training and batch scoring.",
    subcommands = {TrainMnistCommand.class, ScoreCommand.class, AggregationTimingCommand.class})
public final class LaminaSparkCli implements Runnable {
  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new LaminaSparkCli()).execute(args));
  }
}
