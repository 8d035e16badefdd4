package dev.lamina.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar lamina-examples.jar <command>}: the chapter, MNIST training, file inspection and
 * model summaries.
 */
@Command(
    name = "lamina-examples",
    mixinStandardHelpOptions = true,
    version = "Lamina examples 0.1.0",
    description = "Lamina's walk-through of the Custom Layers chapter, a real training run, and tools.",
    subcommands = {
      ChapterCommand.class,
      TrainMnistCommand.class,
      InspectCommand.class,
      SummaryCommand.class,
      CommandLine.HelpCommand.class
    })
public final class LaminaCli implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    // Log records (the runtime says once which BLAS it uses) on one line, not JUL's two.
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%6$s%n");
    }
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit status. */
  public static int run(String... args) {
    return new CommandLine(new LaminaCli()).execute(args);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(System.out);
    return 2;
  }
}
