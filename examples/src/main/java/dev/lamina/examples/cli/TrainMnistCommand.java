package dev.lamina.examples.cli;

import dev.lamina.blas.Blas;
import dev.lamina.examples.mnist.MnistModel;
import dev.lamina.examples.mnist.MnistTraining;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code train-mnist}: trains the MLP on the bundled digits. */
@Command(
    name = "train-mnist",
    mixinStandardHelpOptions = true,
    description = {
      "Trains a network on the bundled 10,000 MNIST digits (8,000 to train, 2,000 to test): a"
          + " 784-256-128-10 MLP, a small CNN, an LSTM over the rows or a small vision transformer;"
          + " saves it, reloads it, and"
          + " draws loss and accuracy"
          + " per epoch as a PNG."
    })
final class TrainMnistCommand implements Callable<Integer> {
  @Option(names = "--model", description = "mlp, cnn, lstm or vit (default: ${DEFAULT-VALUE}).")
  String model = "mlp";

  @Option(names = "--epochs",
      description = "Passes over the training set (default: 15 for mlp, 3 for cnn, 8 for lstm,"
          + " 3 for vit).")
  Integer epochs;

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
    MnistModel chosen = null;
    for (MnistModel candidate : MnistModel.values()) {
      if (candidate.label().equals(model)) {
        chosen = candidate;
      }
    }
    if (chosen == null) {
      System.err.println("train-mnist: --model must be mlp, cnn, lstm or vit, not " + model);
      return 2;
    }
    int passes = epochs == null ? chosen.defaultEpochs() : epochs;
    if (passes < 1 || batchSize < 1 || threads < 1 || !(learningRate > 0)) {
      System.err.println("train-mnist: --epochs, --batch-size and --threads must be at least 1 and"
          + " --lr positive");
      return 2;
    }
    String problem = outputFolderProblem(out);
    if (problem != null) {
      System.err.println("train-mnist: --out " + out + " " + problem);
      return 2;
    }
    Blas.setThreads(threads);
    MnistTraining.Options options = new MnistTraining.Options();
    options.model = chosen;
    options.epochs = passes;
    options.batchSize = batchSize;
    options.learningRate = learningRate;
    options.seed = seed;
    options.outputFolder = out;
    try {
      MnistTraining.run(options, System.out);
    } catch (IOException e) {
      System.err.println("train-mnist: " + e.getMessage());
      return 1;
    }
    return 0;
  }

  /**
   * Why the model and the plot could not be saved in {@code folder}, or null: checked before
   * training, so that a bad {@code --out} does not cost a training run.
   */
  static String outputFolderProblem(Path folder) {
    Path existing = folder.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return null; // nothing of the path exists, not even a root: let the save report it
    }
    String which = existing.equals(folder.toAbsolutePath()) ? "it" : existing.toString();
    if (!Files.isDirectory(existing)) {
      return "cannot be the output folder: " + which + " is a file";
    }
    if (!Files.isWritable(existing)) {
      return "cannot be the output folder: " + which + " is a folder this user cannot write to";
    }
    return null;
  }
}
