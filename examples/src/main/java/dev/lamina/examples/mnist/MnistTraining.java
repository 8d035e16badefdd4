package dev.lamina.examples.mnist;

import dev.lamina.Generator;
import dev.lamina.Module;
import dev.lamina.NoGrad;
import dev.lamina.Sequential;
import dev.lamina.Tensor;
import dev.lamina.Workspace;
import dev.lamina.blas.Blas;
import dev.lamina.loss.Losses;
import dev.lamina.optim.Adam;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains a {@link MnistModel} (a multilayer perceptron, a small CNN) on the bundled 10,000 MNIST
 * digits: the first 8,000 for training, the last 2,000 for testing. Saves the model, reloads it, and checks that the reloaded model scores
 * the same; draws the loss and accuracy per epoch as a PNG.
 */
public final class MnistTraining {
  /** What to train and where to write; the defaults reach about 96% in seconds on 2 cores. */
  public static final class Options {
    public MnistModel model = MnistModel.MLP;
    public int epochs = MnistModel.MLP.defaultEpochs();
    public int batchSize = 64;
    public float learningRate = 1e-3f;
    public long seed = 0;
    public Path outputFolder = Path.of("mnist-output");
    public boolean terminal = isTerminal();
  }

  /**
   * Whether standard output is an interactive terminal. From JDK 22 on, {@code System.console()}
   * is non-null even when output is redirected, so its {@code isTerminal()} decides where it exists.
   */
  @SuppressWarnings("SystemConsoleNull") // the null check is for JDK 17-21; isTerminal() decides after
  private static boolean isTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException beforeJdk22) {
      return true;
    }
  }

  /** What a run achieved. */
  public static final class Result {
    public final List<Double> losses = new ArrayList<>();
    public final List<Double> accuracies = new ArrayList<>();
    public double reloadedAccuracy;
    public Path modelFile;
    public Path plotFile;

    /** The test accuracy after the last epoch. */
    public double finalAccuracy() {
      return accuracies.get(accuracies.size() - 1);
    }
  }

  private MnistTraining() {}

  /**
   * The MLP: 784 → 256 → 128 → 10 with ReLUs and dropout, all built-in {@code @Layer} layers.
   */
  public static Sequential model() {
    return MnistModel.MLP.build();
  }

  /** Runs the training, printing progress to {@code out}. */
  public static Result run(Options options, PrintStream out) throws IOException {
    MnistData data = MnistData.bundled();
    MnistData train = data.range(0, 8000);
    MnistData test = data.range(8000, 10000);
    out.printf("MNIST %s: %d training and %d test digits; batch %d, Adam lr %s, %d epochs; %s%n",
        options.model.label(), train.size(), test.size(), options.batchSize,
        options.learningRate, options.epochs, Blas.description());

    Generator.manualSeed(options.seed);
    Generator shuffler = new Generator(options.seed);
    Sequential model = options.model.build();
    Adam optimizer = new Adam(model.parameters(), options.learningRate);
    ProgressBar progress = new ProgressBar(out, options.terminal);
    Result result = new Result();
    int batches = (train.size() + options.batchSize - 1) / options.batchSize;
    Workspace workspace = new Workspace();

    for (int epoch = 1; epoch <= options.epochs; epoch++) {
      long start = System.nanoTime();
      model.train();
      int[] order = train.shuffledOrder(shuffler);
      double lossSum = 0;
      for (int b = 0; b < batches; b++) {
        int from = b * options.batchSize;
        int to = Math.min(from + options.batchSize, order.length);
        // Each step's activations and gradients in the arrays of the step before.
        try (Workspace.Step step = workspace.enter()) {
          Tensor images = train.images(order, from, to);
          int[] labels = train.labels(order, from, to);
          Tensor loss = Losses.crossEntropy(model.forward(images), labels);
          loss.backward();
          optimizer.step();
          optimizer.zeroGrad();
          lossSum += loss.item();
        }
        progress.update(epoch, options.epochs, b + 1, batches, lossSum / (b + 1));
      }
      double accuracy = accuracy(model, test);
      result.losses.add(lossSum / batches);
      result.accuracies.add(accuracy);
      progress.epochDone(epoch, options.epochs, lossSum / batches, accuracy,
          (System.nanoTime() - start) / 1e9);
    }

    Files.createDirectories(options.outputFolder);
    result.modelFile = options.outputFolder.resolve("mnist-" + options.model.label()
        + ".safetensors");
    model.save(result.modelFile);
    Module reloaded = Module.load(result.modelFile);
    result.reloadedAccuracy = accuracy(reloaded, test);
    out.printf("test accuracy %.2f%%; saved to %s; reloaded from it: %.2f%%%n",
        100 * result.finalAccuracy(), result.modelFile, 100 * result.reloadedAccuracy);

    result.plotFile = options.outputFolder.resolve("mnist-training.png");
    TrainingPlot.write(result.plotFile, result.losses, result.accuracies);
    out.println("plot of loss and accuracy per epoch: " + result.plotFile);
    return result;
  }

  /** The fraction of {@code data} that {@code model} labels correctly, computed without a graph. */
  public static double accuracy(Module model, MnistData data) {
    model.eval();
    int correct = 0;
    try (NoGrad ignored = NoGrad.enter()) {
      int[] all = data.identityOrder();
      for (int from = 0; from < all.length; from += 500) {
        int to = Math.min(from + 500, all.length);
        long[] predicted = model.forward(data.images(all, from, to)).argmax(1, false).toLongArray();
        int[] labels = data.labels(all, from, to);
        for (int i = 0; i < labels.length; i++) {
          if (predicted[i] == labels[i]) {
            correct++;
          }
        }
      }
    }
    model.train();
    return correct / (double) data.size();
  }
}
