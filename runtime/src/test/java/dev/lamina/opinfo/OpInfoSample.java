package dev.lamina.opinfo;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.lamina.Tensor;
import dev.lamina.testing.Fixtures;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * One OpInfo sample as {@code fixtures/opinfo/make_opinfo_fixtures.py} recorded it: the Lamina call
 * and its arguments, the float32 inputs, PyTorch's float64 output and, for a differentiable call,
 * the weights {@code w} and the float64 gradients of {@code sum(out * w)} for each input.
 *
 * @param weights {@code null} when the call has no gradient (argmax)
 * @param grads {@code null} when the call has no gradient; an element is {@code null} for an int64
 *     or bool input
 */
@SuppressWarnings("ArrayRecordComponent") // fixture data read once and compared, never keys
record OpInfoSample(String call, OpInfoArgs args, OpInfoInput[] inputs, Reference output,
    Tensor weights, Reference[] grads) {

  /**
   * A reference tensor: its shape and row-major values, float64 unless {@code exact}: an int64 or
   * bool result (indices, comparisons), compared exactly, as numbers (true is 1).
   */
  record Reference(int[] shape, double[] values, boolean exact) {
    static Reference parse(JsonElement element) {
      if (element.isJsonNull()) {
        return null;
      }
      JsonObject object = element.getAsJsonObject();
      JsonArray data = object.getAsJsonArray("data");
      double[] values = new double[data.size()];
      for (int i = 0; i < values.length; i++) {
        JsonElement value = data.get(i);
        boolean isBoolean = value.getAsJsonPrimitive().isBoolean();
        values[i] = isBoolean ? (value.getAsBoolean() ? 1 : 0) : value.getAsDouble();
      }
      return new Reference(Fixtures.ints(object.getAsJsonArray("shape")), values,
          object.has("dtype"));
    }
  }

  static OpInfoSample parse(JsonObject json) {
    boolean differentiable = json.has("weights");
    JsonArray grads = differentiable ? json.getAsJsonArray("grads") : null;
    return new OpInfoSample(
        json.get("call").getAsString(),
        new OpInfoArgs(json.getAsJsonObject("args")),
        json.getAsJsonArray("inputs").asList().stream()
            .map(input -> OpInfoInput.parse(input.getAsJsonObject())).toArray(OpInfoInput[]::new),
        Reference.parse(json.get("output")),
        differentiable ? Fixtures.tensor(json.get("weights")) : null,
        differentiable ? grads.asList().stream().map(Reference::parse).toArray(Reference[]::new)
            : null);
  }

  /** {@code add(other=2.5) [5, 10, 5]}: the call, its arguments and the input shapes. */
  String describe() {
    String shapes = Arrays.stream(inputs).map(input -> Arrays.toString(input.shape())
            + (input.strides() == null ? "" : " strides " + Arrays.toString(input.strides())))
        .collect(Collectors.joining(", "));
    return call + args + " " + shapes;
  }
}
