package dev.lamina.testing;

import com.google.gson.JsonObject;
import dev.lamina.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One op applied by PyTorch: its inputs, its output, and, for a differentiable op, the weights
 * {@code w} and the gradients of {@code sum(w * out)} with respect to each input.
 *
 * @param weights {@code null} for an op without a gradient (argmax)
 * @param grads {@code null} for an op without a gradient
 */
@SuppressWarnings("ArrayRecordComponent") // fixture data read once and compared, never keys
public record TorchCase(String name, Tensor[] inputs, Tensor output, Tensor weights,
    Tensor[] grads) {

  /** The cases of {@code ops.json}, by name, in the order the script wrote them. */
  public static Map<String, TorchCase> loadOps() {
    return load(Fixtures.load("ops.json"));
  }

  /** The cases of a fixture file in the format of {@code ops.json}, by name, in file order. */
  public static Map<String, TorchCase> load(JsonObject fixture) {
    Map<String, TorchCase> cases = new LinkedHashMap<>();
    for (var element : fixture.getAsJsonArray("cases")) {
      TorchCase c = parse(element.getAsJsonObject());
      cases.put(c.name(), c);
    }
    return cases;
  }

  static TorchCase parse(JsonObject json) {
    boolean differentiable = json.has("weights");
    return new TorchCase(
        json.get("name").getAsString(),
        Fixtures.tensors(json.getAsJsonArray("inputs")),
        Fixtures.tensor(json.get("output")),
        differentiable ? Fixtures.tensor(json.get("weights")) : null,
        differentiable ? Fixtures.tensors(json.getAsJsonArray("grads")) : null);
  }
}
