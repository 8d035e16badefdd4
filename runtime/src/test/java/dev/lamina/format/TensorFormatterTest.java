package dev.lamina.format;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.lamina.Function;
import dev.lamina.Tensor;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares printed tensors with the text PyTorch printed for the same values
 * ({@code fixtures/extras/make_format_fixtures.py}).
 */
class TensorFormatterTest {
  private static final Path FIXTURES = Path.of("..", "fixtures", "extras", "format_fixtures.json");

  static Stream<Arguments> pytorchCases() throws IOException {
    JsonObject root;
    try (Reader reader = Files.newBufferedReader(FIXTURES)) {
      root = JsonParser.parseReader(reader).getAsJsonObject();
    }
    List<Arguments> cases = new ArrayList<>();
    for (JsonElement element : root.getAsJsonArray("cases")) {
      JsonObject c = element.getAsJsonObject();
      cases.add(Arguments.of(c.get("name").getAsString(), c));
    }
    return cases.stream();
  }

  static Stream<Arguments> pytorchTypedCases() throws IOException {
    JsonObject root;
    try (Reader reader = Files.newBufferedReader(FIXTURES)) {
      root = JsonParser.parseReader(reader).getAsJsonObject();
    }
    List<Arguments> cases = new ArrayList<>();
    for (JsonElement element : root.getAsJsonArray("typedCases")) {
      JsonObject c = element.getAsJsonObject();
      cases.add(Arguments.of(c.get("name").getAsString(), c));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pytorchTypedCases")
  void printsInt64AndBoolAsPyTorch(String name, JsonObject fixture) {
    JsonArray shapeJson = fixture.getAsJsonArray("shape");
    int[] shape = new int[shapeJson.size()];
    for (int d = 0; d < shape.length; d++) {
      shape[d] = shapeJson.get(d).getAsInt();
    }
    JsonArray values = fixture.getAsJsonArray("values");
    Tensor tensor;
    if (fixture.get("dtype").getAsString().equals("int64")) {
      long[] longs = new long[values.size()];
      for (int i = 0; i < longs.length; i++) {
        longs[i] = values.get(i).getAsLong();
      }
      tensor = Tensor.ofLongs(longs, shape);
    } else {
      boolean[] booleans = new boolean[values.size()];
      for (int i = 0; i < booleans.length; i++) {
        booleans[i] = values.get(i).getAsBoolean();
      }
      tensor = Tensor.ofBooleans(booleans, shape);
    }

    assertWithMessage(name).that(tensor.toString()).isEqualTo(fixture.get("expected").getAsString());
  }

  @Test
  void typedFixturesCoverScalarsSummariesAndEmptyTensors() throws IOException {
    List<String> printed = new ArrayList<>();
    pytorchTypedCases().forEach(arguments -> printed.add(
        ((JsonObject) arguments.get()[1]).get("expected").getAsString()));
    String all = String.join("\n", printed);

    assertThat(all).contains("tensor([ True, False])");
    assertThat(all).contains("tensor(5)");
    assertThat(all).contains("tensor(True)");
    assertThat(all).contains("  ...,");
    assertThat(all).contains("tensor([], size=(0, 3), dtype=torch.int64)");
    assertThat(all).contains("tensor([], dtype=torch.bool)");
  }

  @Test
  void viewsOfInt64PrintTheirOwnElements() {
    Tensor transposed = Tensor.arange(6).reshape(2, 3).t();

    assertThat(transposed.toString()).isEqualTo("tensor([[0, 3],\n        [1, 4],\n        [2, 5]])");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pytorchCases")
  void printsAsPyTorch(String name, JsonObject fixture) {
    Tensor tensor = tensorOf(fixture);

    assertWithMessage(name).that(tensor.toString()).isEqualTo(fixture.get("expected").getAsString());
  }

  @Test
  void fixturesCoverEveryNotationAndSuffix() throws IOException {
    List<String> printed = new ArrayList<>();
    pytorchCases().forEach(arguments -> printed.add(
        ((JsonObject) arguments.get()[1]).get("expected").getAsString()));
    String all = String.join("\n", printed);

    assertThat(all).contains("tensor([-2., -1.,  0.,  1.,  2.])");
    assertThat(all).contains("e-05");
    assertThat(all).contains(" ...");
    assertThat(all).contains("size=(0, 3)");
    assertThat(all).contains("requires_grad=True");
    assertThat(all).contains("grad_fn=<");
    assertThat(all).contains("\n\n");
  }

  @Test
  void handCheckedNotations() {
    assertThat(Tensor.of(-2, -1, 0, 1, 2).toString()).isEqualTo("tensor([-2., -1.,  0.,  1.,  2.])");
    assertThat(Tensor.scalar(3).toString()).isEqualTo("tensor(3.)");
    assertThat(Tensor.of(0.5f, 1e-5f).toString()).isEqualTo("tensor([5.0000e-01, 1.0000e-05])");
    assertThat(Tensor.of(0.25f, 1.5f).toString()).isEqualTo("tensor([0.2500, 1.5000])");
    assertThat(Tensor.zeros(0, 3).toString()).isEqualTo("tensor([], size=(0, 3))");
  }

  @Test
  void pythonRoundingIsHalfEvenOnTheExactValue() {
    assertThat(PythonFloatText.fixed(0.03125, 4)).isEqualTo("0.0312");
    assertThat(PythonFloatText.fixed(0.09375, 4)).isEqualTo("0.0938");
    assertThat(PythonFloatText.fixed(2.5, 0)).isEqualTo("2");
    assertThat(PythonFloatText.fixed(-0.0, 4)).isEqualTo("-0.0000");
    assertThat(PythonFloatText.fixed(-0.00001, 4)).isEqualTo("-0.0000");
    assertThat(PythonFloatText.scientific(99999.5, 4)).isEqualTo("1.0000e+05");
    assertThat(PythonFloatText.scientific(1.25, 1)).isEqualTo("1.2e+00");
    assertThat(PythonFloatText.scientific(1.25e-100, 1)).isEqualTo("1.3e-100");
    assertThat(PythonFloatText.scientific(0, 4)).isEqualTo("0.0000e+00");
    assertThat(PythonFloatText.scientific(Double.NEGATIVE_INFINITY, 4)).isEqualTo("-inf");
  }

  @Test
  void narrowerLinesWrapSooner() {
    PrintOptions narrow = new PrintOptions(2, 1000, 3, 20);

    assertThat(TensorFormatter.format(Tensor.of(0.5f, 1.5f, 2.5f, 3.5f), narrow))
        .isEqualTo("tensor([0.50, 1.50,\n        2.50, 3.50])");
  }

  private static Tensor tensorOf(JsonObject fixture) {
    JsonArray shapeJson = fixture.getAsJsonArray("shape");
    int[] shape = new int[shapeJson.size()];
    for (int d = 0; d < shape.length; d++) {
      shape[d] = shapeJson.get(d).getAsInt();
    }
    JsonArray bits = fixture.getAsJsonArray("bits");
    float[] values = new float[bits.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = Float.intBitsToFloat(bits.get(i).getAsInt());
    }
    Tensor tensor = Tensor.of(values, shape);
    JsonElement gradFn = fixture.get("gradFn");
    if (gradFn != null && !gradFn.isJsonNull()) {
      return NamedCopy.apply(tensor.requiresGrad(true), gradFn.getAsString());
    }
    return tensor.requiresGrad(fixture.get("requiresGrad").getAsBoolean());
  }

  /** An identity op that reports a given name, to print a computed tensor with PyTorch's op name. */
  private static final class NamedCopy extends Function {
    private final String name;

    private NamedCopy(Tensor x, String name) {
      super(x);
      this.name = name;
    }

    static Tensor apply(Tensor x, String name) {
      return record(x.detach().copy(), new NamedCopy(x, name));
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    protected Tensor[] backward(Tensor grad) {
      return new Tensor[] {grad};
    }
  }
}
