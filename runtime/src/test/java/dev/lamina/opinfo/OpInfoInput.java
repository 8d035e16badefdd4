package dev.lamina.opinfo;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.lamina.Tensor;
import dev.lamina.testing.Fixtures;

/**
 * One recorded input: its shape, its values in row-major order and, when PyTorch's sample was not
 * contiguous (a transposed or sliced view, or an expanded tensor with stride 0), its strides, so
 * that the op sees the same layout. Float32 inputs become leaves that require a gradient; int64
 * and bool inputs (indices, masks) are contiguous tensors of their type, without gradients.
 *
 * @param values the float32 values; {@code null} for an int64 or bool input
 * @param integers the int64 or bool input as a tensor; {@code null} for a float32 input
 * @param strides {@code null} for a contiguous input
 */
@SuppressWarnings("ArrayRecordComponent") // fixture data read once, never keys
record OpInfoInput(int[] shape, float[] values, Tensor integers, int[] strides) {
  static OpInfoInput parse(JsonObject json) {
    int[] shape = Fixtures.ints(json.getAsJsonArray("shape"));
    JsonArray data = json.getAsJsonArray("data");
    String dtype = json.has("dtype") ? json.get("dtype").getAsString() : "float32";
    Tensor integers = switch (dtype) {
      case "float32" -> null;
      case "int64" -> Tensor.ofLongs(longs(data), shape);
      case "bool" -> Tensor.ofBooleans(booleans(data), shape);
      default -> throw new IllegalArgumentException("an input of unknown dtype " + dtype);
    };
    return new OpInfoInput(shape, integers == null ? Fixtures.floats(data) : null, integers,
        json.has("strides") ? Fixtures.ints(json.getAsJsonArray("strides")) : null);
  }

  /** A fresh leaf that requires a gradient, laid out as recorded; an int64 or bool input as is. */
  Tensor leaf() {
    return integers != null ? integers : layOut(values).requiresGrad(true);
  }

  /** A fresh leaf of the absolute values, laid out as recorded; an int64 or bool input as is. */
  Tensor absoluteLeaf() {
    if (integers != null) {
      return integers;
    }
    float[] absolute = new float[values.length];
    for (int k = 0; k < values.length; k++) {
      absolute[k] = Math.abs(values[k]);
    }
    return layOut(absolute).requiresGrad(true);
  }

  private static long[] longs(JsonArray data) {
    long[] out = new long[data.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = data.get(i).getAsLong();
    }
    return out;
  }

  private static boolean[] booleans(JsonArray data) {
    boolean[] out = new boolean[data.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = data.get(i).getAsBoolean();
    }
    return out;
  }

  private Tensor layOut(float[] rowMajor) {
    if (strides == null) {
      return Tensor.of(rowMajor, shape);
    }
    int extent = 1;
    for (int d = 0; d < shape.length; d++) {
      extent += (shape[d] - 1) * strides[d];
    }
    float[] storage = new float[rowMajor.length == 0 ? 0 : extent];
    int[] index = new int[shape.length];
    for (int k = 0; k < rowMajor.length; k++) {
      int position = 0;
      for (int d = 0; d < shape.length; d++) {
        position += index[d] * strides[d];
      }
      storage[position] = rowMajor[k];
      for (int d = shape.length - 1; d >= 0 && ++index[d] == shape[d]; d--) {
        index[d] = 0;
      }
    }
    return Tensor.strided(storage, 0, shape, strides);
  }
}
