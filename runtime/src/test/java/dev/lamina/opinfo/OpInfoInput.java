package dev.lamina.opinfo;

import com.google.gson.JsonObject;
import dev.lamina.Tensor;
import dev.lamina.testing.Fixtures;

/**
 * One recorded float32 input: its shape, its values in row-major order and, when PyTorch's sample
 * was not contiguous (a transposed or sliced view, or an expanded tensor with stride 0), its
 * strides, so that the op sees the same layout.
 *
 * @param strides {@code null} for a contiguous input
 */
@SuppressWarnings("ArrayRecordComponent") // fixture data read once, never keys
record OpInfoInput(int[] shape, float[] values, int[] strides) {
  static OpInfoInput parse(JsonObject json) {
    return new OpInfoInput(
        Fixtures.ints(json.getAsJsonArray("shape")),
        Fixtures.floats(json.getAsJsonArray("data")),
        json.has("strides") ? Fixtures.ints(json.getAsJsonArray("strides")) : null);
  }

  /** A fresh leaf that requires a gradient, laid out as recorded. */
  Tensor leaf() {
    return layOut(values).requiresGrad(true);
  }

  /** A fresh leaf of the absolute values, laid out as recorded. */
  Tensor absoluteLeaf() {
    float[] absolute = new float[values.length];
    for (int k = 0; k < values.length; k++) {
      absolute[k] = Math.abs(values[k]);
    }
    return layOut(absolute).requiresGrad(true);
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
