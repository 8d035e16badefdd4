package dev.lamina.examples;

import static com.google.common.truth.Truth.assertThat;

import dev.lamina.examples.cli.LaminaCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The command line: help for every command, and inspect on a file PyTorch wrote. */
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
  void summaryListsTheExampleModelsBeforeAnyData() {
    Output out = run("summary");
    assertThat(out.status).isEqualTo(0);
    assertThat(out.text).contains("MyLinear");
    assertThat(out.text).contains("LazyLinear");
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
