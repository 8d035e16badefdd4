package dev.lamina.ops;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static dev.lamina.testing.Fixtures.floats;
import static dev.lamina.testing.Fixtures.ints;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.lamina.Tensor;
import dev.lamina.testing.GradCheck;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Tensor#fft}: values and gradients against {@code torch.view_as_real(torch.fft.fft(x))}
 * ({@code fixtures/extras/make_einsum_fft_fixtures.py}), the defining sum, and finite differences.
 */
class FftTest {
  private static final Path FIXTURES = Path.of("..", "fixtures", "extras", "fft_fixtures.json");

  static Stream<Arguments> pytorchCases() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(FIXTURES)) {
      for (JsonElement element :
          JsonParser.parseReader(reader).getAsJsonObject().getAsJsonArray("cases")) {
        JsonObject c = element.getAsJsonObject();
        String name = Arrays.toString(ints(c.getAsJsonObject("input").getAsJsonArray("shape")))
            + (c.get("firstHalf").getAsBoolean() ? " first half" : "");
        cases.add(Arguments.of(name, c));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pytorchCases")
  void valuesAndGradientsEqualPyTorch(String name, JsonObject fixture) {
    JsonObject input = fixture.getAsJsonObject("input");
    int[] shape = ints(input.getAsJsonArray("shape"));
    Tensor x = Tensor.of(floats(input.getAsJsonArray("values")), shape).requiresGrad(true);
    int n = shape[shape.length - 1];

    Tensor out = x.fft();
    if (fixture.get("firstHalf").getAsBoolean()) {
      out = out.slice(-2, 0, n / 2);
    }
    out.mul(Tensor.of(floats(fixture.getAsJsonArray("weights")), out.shape())).sum().backward();

    JsonObject expected = fixture.getAsJsonObject("output");
    assertThat(out.shape()).isEqualTo(ints(expected.getAsJsonArray("shape")));
    // PyTorch transforms in float32; its rounding error grows with n, as do the values themselves.
    double tolerance = 1e-5 * Math.sqrt(n);
    assertClose(name + ": values", out.toFloatArray(), floats(expected.getAsJsonArray("values")),
        tolerance);
    assertClose(name + ": gradient", x.grad().toFloatArray(), floats(fixture.getAsJsonArray("grad")),
        tolerance);
  }

  @Test
  void equalsTheDefiningSum() {
    for (int n : new int[] {1, 2, 3, 6, 7, 16, 30}) {
      Tensor x = Tensor.randn(2, n);

      Tensor out = x.fft();

      assertThat(out.shape()).isEqualTo(new int[] {2, n, 2});
      for (int row = 0; row < 2; row++) {
        for (int k = 0; k < n; k++) {
          double re = 0;
          double im = 0;
          for (int t = 0; t < n; t++) {
            double angle = 2 * Math.PI * k * t / n;
            re += x.get(row, t) * Math.cos(angle);
            im -= x.get(row, t) * Math.sin(angle);
          }
          assertWithMessage("n=%s row %s k %s real", n, row, k)
              .that((double) out.get(row, k, 0)).isWithin(1e-5).of(re);
          assertWithMessage("n=%s row %s k %s imaginary", n, row, k)
              .that((double) out.get(row, k, 1)).isWithin(1e-5).of(im);
        }
      }
    }
  }

  @Test
  void gradientsAgreeWithFiniteDifferences() {
    for (int n : new int[] {1, 2, 5, 8, 9}) {
      GradCheck.check("fft n=" + n, in -> in[0].fft(), Tensor.randn(2, n));
      GradCheck.check("first half n=" + n, in -> in[0].fft().slice(-2, 0, Math.max(1, n / 2)),
          Tensor.randn(3, n));
    }
    GradCheck.check("rank 3", in -> in[0].fft(), Tensor.randn(2, 2, 6));
    GradCheck.check("non-contiguous input", in -> in[0].transpose(0, 1).fft(), Tensor.randn(4, 3));
  }

  @Test
  void longTransformsLeaveNoThreadThatKeepsTheJvmAlive() {
    long before = nonDaemonThreads();

    Tensor.zeros(1 << 16).fft();

    assertThat(nonDaemonThreads()).isAtMost(before);
  }

  @Test
  void refusesInputWithoutALastDimension() {
    IllegalArgumentException scalar =
        assertThrows(IllegalArgumentException.class, () -> Tensor.scalar(1).fft());
    IllegalArgumentException empty =
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3, 0).fft());

    assertThat(scalar).hasMessageThat().contains("got shape []");
    assertThat(empty).hasMessageThat().contains("got shape [3, 0]");
  }

  private static long nonDaemonThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> !t.isDaemon()).count();
  }

  private static void assertClose(String what, float[] actual, float[] expected, double tolerance) {
    assertWithMessage("%s: length", what).that(actual.length).isEqualTo(expected.length);
    for (int i = 0; i < actual.length; i++) {
      assertWithMessage("%s at flat index %s", what, i)
          .that((double) actual[i]).isWithin(tolerance * Math.max(1, Math.abs(expected[i])))
          .of(expected[i]);
    }
  }
}
