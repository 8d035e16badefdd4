package dev.lamina.examples;

import static com.google.common.truth.Truth.assertThat;

import dev.lamina.examples.chapter.Chapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The chapter's walk-through prints what the notebook prints where the notebook is deterministic. */
class ChapterTest {
  private static String text;

  @BeforeAll
  static void runChapter() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new Chapter(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
    text = bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void centeredLayerPrintsTheNotebooksTensor() {
    assertThat(text).contains(
        ">>> layer.forward(Tensor.of(1, 2, 3, 4, 5))\ntensor([-2., -1.,  0.,  1.,  2.])\n");
  }

  @Test
  void meanAfterLazyLinearIsZeroWithinRounding() {
    String line = lineAfter(">>> net.forward(Tensor.rand(4, 8)).mean()");
    assertThat(line).endsWith(", grad_fn=<MeanBackward0>)");
    float mean = Float.parseFloat(line.substring("tensor(".length(), line.indexOf(',')));
    assertThat(Math.abs(mean)).isLessThan(1e-6f);
  }

  @Test
  void lazyLinearInferredItsInputSize() {
    assertThat(text).contains("(0): LazyLinear(in_features=8, out_features=128, bias=True)");
  }

  @Test
  void myLinearWeightIsAFiveByThreeParameter() {
    String weight = text.substring(text.indexOf(">>> linear.weight()"));
    assertThat(weight.split("\n\n", -1)[0].lines().count()).isEqualTo(6); // the prompt and 5 rows
    assertThat(weight.split("\n\n", -1)[0]).endsWith("]], requires_grad=True)");
  }

  @Test
  void wrongInputNamesTheLayerArgumentAndShapes() {
    assertThat(text).contains("MyLinear.forward: x has shape [2, 4], expected [batch, inUnits=5]");
  }

  @Test
  void nestedLayersTakePyTorchsNames() {
    assertThat(lineAfter(">>> net.namedParameters().keySet()"))
        .isEqualTo("[0.weight, 0.bias, 1.weight, 1.bias]");
  }

  @Test
  void gradientsReachTheCustomLayerAndTrainingChangesIt() {
    assertThat(lineAfter(">>> net.get(0).weight().grad().shape()")).isEqualTo("[64, 8]");
    float change =
        Float.parseFloat(lineAfter(">>> largest change of net.get(0).weight() after one SGD step"));
    assertThat(change).isGreaterThan(0f);
  }

  @Test
  void reloadedModelGivesTheSameOutputs() {
    assertThat(lineAfter(">>> same outputs after reloading")).isEqualTo("true");
    assertThat(text).contains("(0): MyLinear(inUnits=64, units=8)");
  }

  private static String lineAfter(String prompt) {
    int at = text.indexOf(prompt + "\n");
    assertThat(at).isAtLeast(0);
    int start = at + prompt.length() + 1;
    return text.substring(start, text.indexOf('\n', start));
  }
}
