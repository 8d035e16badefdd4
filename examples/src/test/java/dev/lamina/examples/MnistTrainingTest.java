package dev.lamina.examples;

import static com.google.common.truth.Truth.assertThat;

import dev.lamina.examples.mnist.MnistModel;
import dev.lamina.examples.mnist.MnistTraining;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A shortened training run on the bundled digits learns, saves, reloads and plots. */
class MnistTrainingTest {
  @Test
  void fiveEpochsReachNinetyFourPercentAndTheReloadedModelScoresTheSame(@TempDir Path folder)
      throws Exception {
    MnistTraining.Options options = new MnistTraining.Options();
    options.epochs = 5;
    options.outputFolder = folder;
    options.terminal = false;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    MnistTraining.Result result =
        MnistTraining.run(options, new PrintStream(log, true, StandardCharsets.UTF_8));

    assertThat(result.finalAccuracy()).isAtLeast(0.94);
    assertThat(result.reloadedAccuracy).isEqualTo(result.finalAccuracy());
    assertThat(result.losses.get(4)).isLessThan(result.losses.get(0));
    assertThat(log.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("epoch ")))
        .hasSize(5);
    byte[] png = Files.readAllBytes(result.plotFile);
    assertThat(png.length).isGreaterThan(1000);
    assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
  }

  @Test
  void oneEpochOfTheCnnLearnsAndTheReloadedModelScoresTheSame(@TempDir Path folder)
      throws Exception {
    MnistTraining.Options options = new MnistTraining.Options();
    options.model = MnistModel.CNN;
    options.epochs = 1;
    options.outputFolder = folder;
    options.terminal = false;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    MnistTraining.Result result =
        MnistTraining.run(options, new PrintStream(log, true, StandardCharsets.UTF_8));

    assertThat(result.finalAccuracy()).isAtLeast(0.93);
    assertThat(result.reloadedAccuracy).isEqualTo(result.finalAccuracy());
    assertThat(result.modelFile.getFileName().toString()).isEqualTo("mnist-cnn.safetensors");
  }

  @Test
  void oneEpochOfTheLstmLearnsAndTheReloadedModelScoresTheSame(@TempDir Path folder)
      throws Exception {
    MnistTraining.Options options = new MnistTraining.Options();
    options.model = MnistModel.LSTM;
    options.epochs = 1;
    options.outputFolder = folder;
    options.terminal = false;
    MnistTraining.Result result = MnistTraining.run(options,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    // One epoch of the 8 reaches about 70% (PyTorch's run: 72%); chance is 10%.
    assertThat(result.finalAccuracy()).isAtLeast(0.6);
    assertThat(result.reloadedAccuracy).isEqualTo(result.finalAccuracy());
    assertThat(result.modelFile.getFileName().toString()).isEqualTo("mnist-lstm.safetensors");
  }

  @Test
  void theCnnsSummaryBeforeAnyDataCountsPyTorchsParameters() {
    String summary = MnistModel.CNN.build().summary();
    // The same network in PyTorch: sum(p.numel() for p in model.parameters()) is 20570.
    assertThat(summary).contains("Total params: 20570\n");
    assertThat(summary).contains("Buffers: 50 values, not trained");
    assertThat(summary).contains("[..., 10]");
  }
}
