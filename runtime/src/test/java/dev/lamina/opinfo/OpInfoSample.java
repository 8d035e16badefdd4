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
 * @param grads {@code null} when the call has no gradient
 */
@SuppressWarnings("ArrayRecordComponent") // fixture data read once and compared, never keys
record OpInfoSample(String call, OpInfoArgs args, OpInfoInput[] inputs, Reference output,
    Tensor weights, Reference[] grads) {

  /** A float64 reference tensor: its shape and row-major values. */
  record Reference(int[] shape, double[] values) {
    static Reference parse(JsonElement element) {
      JsonObject object = element.getAsJsonObject();
      JsonArray data = object.getAsJsonArray("data");
      double[] values = new double[data.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = data.get(i).getAsDouble();
      }
      return new Reference(Fixtures.ints(object.getAsJsonArray("shape")), values);
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
