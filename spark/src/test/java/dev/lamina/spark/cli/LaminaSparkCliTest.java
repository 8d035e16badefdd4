package dev.lamina.spark.cli;

import static com.google.common.truth.Truth.assertThat;

import dev.lamina.Module;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The commands train, report progress, save, and score what they saved. */
class LaminaSparkCliTest {
  private static String run(String... args) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int status;
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      status = new CommandLine(new LaminaSparkCli()).execute(args);
    } finally {
      System.setOut(original);
    }
    String output = buffer.toString(StandardCharsets.UTF_8);
    assertThat(status).isEqualTo(0);
    return output;
  }

  @Test
  void trainMnistThenScoreItsTestDigits(@TempDir Path folder) throws Exception {
    Path out = folder.resolve("run");
    String training = run("train-mnist", "--master", "local[2]", "--epochs", "2", "--limit", "500",
        "--batch-size", "50", "--checkpoint-every", "5", "--aggregation", "SHARDED", "--out",
        out.toString());

    assertThat(training).containsMatch("epoch 1 step 1/8 loss \\d+\\.\\d{4} +\\d+ examples/s");
    assertThat(training).contains("epoch 2 step 8/8 loss");
    assertThat(training).containsMatch("test accuracy \\d+\\.\\d\\d% \\(scored on Spark\\)");
    Path model = out.resolve("mnist-mlp.safetensors");
    assertThat(Module.load(model).parameters()).hasSize(6);
    assertThat(Files.exists(out.resolve("checkpoints/step-000000015.safetensors"))).isTrue();

    Path predictions = folder.resolve("predictions.parquet");
    String scoring = run("score", "--master", "local[2]", "--model", model.toString(),
        "--input", out.resolve("test-digits.parquet").toString(), "--output",
        predictions.toString());

    assertThat(scoring).containsMatch("scored 100 rows in [\\d.]+ s");
    assertThat(Files.isDirectory(predictions)).isTrue();
  }

  @Test
  void timeAggregationTimesBothModes() {
    String timing = run("time-aggregation", "--master", "local[2]", "--parameters", "1000",
        "--steps", "2");

    assertThat(timing).containsMatch(" +1001 +TREE +[\\d.]+ ");
    assertThat(timing).containsMatch(" +1001 +SHARDED +[\\d.]+ ");
  }
}
