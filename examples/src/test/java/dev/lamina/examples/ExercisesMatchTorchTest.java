package dev.lamina.examples;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.lamina.Tensor;
import dev.lamina.examples.exercises.FourierHalf;
import dev.lamina.examples.exercises.TensorReduction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exercise layers against PyTorch (fixtures/examples/make_exercise_fixtures.py): values, and
 * the gradients of {@code sum(weights * output)} with respect to the input and the layer's weight.
 */
class ExercisesMatchTorchTest {
  private static JsonObject fixtures;

  @BeforeAll
  static void read() throws IOException {
    Path file = Path.of("..", "fixtures", "examples", "exercises.json");
    fixtures = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
  }

  @Test
  void tensorReductionMatchesEinsum() {
    for (JsonElement element : fixtures.getAsJsonArray("tensorReduction")) {
      JsonObject c = element.getAsJsonObject();
      Tensor x = tensor(c.get("x")).requiresGrad(true);
      TensorReduction layer = TensorReduction.create(tensor(c.get("y")).size(1));
      // The first call infers "in" and allocates W; then PyTorch's W is loaded by name.
      layer.forward(x.detach());
      layer.loadStateDict(Map.of("weight", tensor(c.get("weight"))));
      Tensor y = layer.forward(x);
      y.mul(tensor(c.get("weights"))).sum().backward();
      assertClose("y", y, tensor(c.get("y")));
      assertClose("dy/dx", x.grad(), tensor(c.get("xGrad")));
      assertClose("dy/dW", layer.weight().grad(), tensor(c.get("weightGrad")));
    }
  }

  @Test
  void fourierHalfMatchesTorchFft() {
    for (JsonElement element : fixtures.getAsJsonArray("fourierHalf")) {
      JsonObject c = element.getAsJsonObject();
      Tensor x = tensor(c.get("x")).requiresGrad(true);
      Tensor y = FourierHalf.create().forward(x);
      y.mul(tensor(c.get("weights"))).sum().backward();
      assertClose("fft half", y, tensor(c.get("y")));
      assertClose("d fft half / dx", x.grad(), tensor(c.get("xGrad")));
    }
  }

  private static void assertClose(String what, Tensor actual, Tensor expected) {
    assertWithMessage("%s shape", what).that(actual.shape()).isEqualTo(expected.shape());
    float[] a = actual.toFloatArray();
    float[] e = expected.toFloatArray();
    for (int i = 0; i < e.length; i++) {
      assertWithMessage("%s at %s: Lamina %s, PyTorch %s", what, i, a[i], e[i])
          .that((double) Math.abs(a[i] - e[i]))
          .isAtMost(1e-4 * Math.max(1, Math.abs(e[i])));
    }
  }

  private static Tensor tensor(JsonElement json) {
    JsonObject o = json.getAsJsonObject();
    JsonArray shape = o.getAsJsonArray("shape");
    JsonArray values = o.getAsJsonArray("values");
    int[] dims = new int[shape.size()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = shape.get(i).getAsInt();
    }
    float[] data = new float[values.size()];
    for (int i = 0; i < data.length; i++) {
      data[i] = values.get(i).getAsFloat();
    }
    return Tensor.of(data, dims);
  }
}
