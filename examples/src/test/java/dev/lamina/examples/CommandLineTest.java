package dev.lamina.examples;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lamina.Tensor;
import dev.lamina.examples.cli.LaminaCli;
import dev.lamina.io.safetensors.SafetensorsWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line: help for every command, inspect on a file PyTorch wrote and on hostile ones,
 * and train-mnist refusing an output folder it could not save to.
 */
class CommandLineTest {
  @Test
  void everyCommandHasHelp() {
    for (String command : new String[] {"chapter", "train-mnist", "inspect", "summary"}) {
      Output out = run(command, "--help");
      assertThat(out.status).isEqualTo(0);
      assertThat(out.text).contains("Usage: lamina-examples " + command);
    }
    assertThat(run("train-mnist", "--help").text).contains("--batch-size");
  }

  @Test
  void inspectReadsAPyTorchWrittenFile() {
    Path file = Path.of("..", "runtime", "src", "test", "resources", "io", "pytorch",
        "sequential_linear_relu.safetensors");
    Output out = run("inspect", file.toString());
    assertThat(out.status).isEqualTo(0);
    assertThat(out.text).containsMatch("0\\.weight\\s+F32\\s+\\[");
    assertThat(out.text).contains("metadata format: pt");
    assertThat(out.text).contains("architecture: none recorded");
  }

  @Test
  void inspectRefusesAFileThatIsNotSafetensors() {
    Output out = run("inspect", Path.of("pom.xml").toString());
    assertThat(out.status).isEqualTo(1);
  }

  @Test
  void inspectEscapesWhatATerminalWouldActOn(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("hostile.safetensors");
    SafetensorsWriter writer = new SafetensorsWriter()
        .putMetadata("title\u001b]0;pwned\u0007", "value\rforged line")
        .putMetadata("c1", "\u009b2J and \u007f");
    String[] names = {"clear\u001b[2J", "bidi\u202eexe.txt", "\"quoted\"", "plain.weight"};
    for (String name : names) {
      writer.add(name, Tensor.zeros(1));
    }
    Files.write(file, writer.toBytes());

    Output out = run("inspect", file.toString());

    assertThat(out.status).isEqualTo(0);
    assertThat(out.text).contains("\"clear\\u001b[2J\"");
    assertThat(out.text).contains("\"bidi\\u202eexe.txt\"");
    assertThat(out.text).contains("\"\\\"quoted\\\"\"");
    assertThat(out.text).containsMatch("\nplain\\.weight +F32");
    assertThat(out.text).contains("metadata \"title\\u001b]0;pwned\\u0007\": \"value\\u000dforged line\"");
    assertThat(out.text).contains("metadata c1: \"\\u009b2J and \\u007f\"");
    for (char c : out.text.toCharArray()) {
      boolean control = (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f) || c == 0x202e;
      assertWithMessage("character U+%s in the output", Integer.toHexString(c)).that(control).isFalse();
    }
  }

  @Test
  void inspectOutputStaysProportionalToTheFile(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("long-name.safetensors");
    SafetensorsWriter writer = new SafetensorsWriter().add("n".repeat(20_000), Tensor.zeros(1));
    for (int i = 0; i < 1000; i++) {
      writer.add("t" + i, Tensor.zeros(1));
    }
    Files.write(file, writer.toBytes());

    Output out = run("inspect", file.toString());

    assertThat(out.status).isEqualTo(0);
    assertThat(out.text).contains("n".repeat(20_000) + "  F32");
    assertThat(out.text).containsMatch("\nt999 {58}F32 {4}\\[1\\]\n");
    assertThat(out.text.length()).isLessThan(Math.toIntExact(Files.size(file)) + 1000 * 80);
  }

  @Test
  void inspectSaysWhatAFileOfNoReportedSizeReallyIs() {
    Path status = Path.of("/proc/self/status");
    assumeTrue(Files.isReadable(status), "no /proc");

    Output out = run("inspect", status.toString());

    assertThat(out.status).isEqualTo(1);
    assertThat(out.text).doesNotContain("the file is 0 bytes");
    assertThat(out.text).containsMatch("/proc/self/status \\(the file system reports 0 bytes; \\d+ bytes"
        + " read\\): header length \\d+ \\(byte 0\\)");
  }

  @Test
  void inspectSaysAFolderIsAFolder(@TempDir Path folder) {
    Output out = run("inspect", folder.toString());

    assertThat(out.status).isEqualTo(1);
    assertThat(out.text).contains(folder + ": is a folder, not a safetensors file");
  }

  @Test
  void trainMnistRefusesAnOutputFolderThatIsAFileBeforeTraining(@TempDir Path folder)
      throws Exception {
    Path file = Files.writeString(folder.resolve("model.txt"), "not a folder");

    for (Path out : new Path[] {file, file.resolve("sub")}) {
      Output result = run("train-mnist", "--epochs", "1", "--out", out.toString());

      assertThat(result.status).isEqualTo(2);
      assertThat(result.text).contains("train-mnist: --out " + out + " cannot be the output folder: ");
      assertThat(result.text).contains(out.equals(file) ? "it is a file" : file + " is a file");
      assertThat(result.text).doesNotContain("epoch");
      assertThat(result.text).doesNotContain("Exception");
    }
  }

  @Test
  void summaryListsTheExampleModelsBeforeAnyData() {
    Output out = run("summary");
    assertThat(out.status).isEqualTo(0);
    assertThat(out.text).contains("MyLinear");
    assertThat(out.text).contains("LazyLinear");
    // Concrete shapes for the MNIST models, from their input shape alone.
    assertThat(out.text).contains("train-mnist --model cnn, for an input of [64, 28, 28]");
    assertThat(out.text).containsMatch("MaxPool2d\\(.*\\) +\\[64, 16, 4, 4\\]");
    assertThat(out.text).containsMatch("LSTM\\(28, 64, batch_first=True\\) +\\[64, 28, 64\\]");
    assertThat(out.text).containsMatch("TransformerEncoderLayer +\\[64, 50, 32\\]");
  }

  private static Output run(String... args) {
    PrintStream previousOut = System.out;
    PrintStream previousErr = System.err;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    try {
      System.setOut(capture);
      System.setErr(capture);
      int status = LaminaCli.run(args);
      return new Output(status, bytes.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(previousOut);
      System.setErr(previousErr);
    }
  }

  private record Output(int status, String text) {}
}
