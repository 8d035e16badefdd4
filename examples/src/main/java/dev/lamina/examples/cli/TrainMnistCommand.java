package dev.lamina.examples.cli;

import dev.lamina.blas.Blas;
import dev.lamina.examples.mnist.MnistTraining;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code train-mnist}: trains the MLP on the bundled digits. */
@Command(
    name = "train-mnist",
    mixinStandardHelpOptions = true,
    description = {
      "Trains a 784-256-128-10 MLP on the bundled 10,000 MNIST digits (8,000 to train, 2,000 to"
          + " test), saves it, reloads it, and draws loss and accuracy per epoch as a PNG."
    })
final class TrainMnistCommand implements Callable<Integer> {
  @Option(names = "--epochs", description = "Passes over the training set (default: ${DEFAULT-VALUE}).")
  int epochs = 15;

  @Option(names = "--batch-size", description = "Digits per step (default: ${DEFAULT-VALUE}).")
  int batchSize = 64;

  @Option(names = "--lr", description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
  float learningRate = 1e-3f;

  @Option(names = "--seed", description = "Seed of initialization and shuffling (default: ${DEFAULT-VALUE}).")
  long seed = 0;

  @Option(names = "--threads", description = "BLAS threads (default: ${DEFAULT-VALUE}).")
  int threads = 1;

  @Option(names = "--out", description = "Folder for the model and the plot (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("mnist-output");

  @Override
  public Integer call() throws Exception {
    if (epochs < 1 || batchSize < 1 || threads < 1 || !(learningRate > 0)) {
      System.err.println("train-mnist: --epochs, --batch-size and --threads must be at least 1 and"
          + " --lr positive");
      return 2;
    }
    Blas.setThreads(threads);
    MnistTraining.Options options = new MnistTraining.Options();
    options.epochs = epochs;
    options.batchSize = batchSize;
    options.learningRate = learningRate;
    options.seed = seed;
    options.outputFolder = out;
    MnistTraining.run(options, System.out);
    return 0;
  }
}
