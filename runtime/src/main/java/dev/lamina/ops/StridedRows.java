package dev.lamina.ops;

import dev.lamina.Tensor;

/** Element {@code [r, c]} of a 2-d tensor read in place through its strides, whatever its layout. */
// A view of the tensor's storage, not a value.
@SuppressWarnings("ArrayRecordComponent")
record StridedRows(float[] data, int offset, int rowStride, int colStride) {
  StridedRows(Tensor t) {
    this(t.storage(), t.storageOffset(), t.stride()[0], t.stride()[1]);
  }

  float get(int r, int c) {
    return data[offset + r * rowStride + c * colStride];
  }

  /**
   * Adds elements {@code [r, from .. from + length)} of this and {@code other} into
   * {@code out[at ..]}: a vectorized loop when both rows are contiguous.
   */
  void addRow(StridedRows other, int r, int from, int length, float[] out, int at) {
    int a = offset + r * rowStride + from * colStride;
    int b = other.offset + r * other.rowStride + from * other.colStride;
    if (colStride == 1 && other.colStride == 1) {
      float[] x = data;
      float[] y = other.data;
      for (int j = 0; j < length; j++) {
        out[at + j] = x[a + j] + y[b + j];
      }
    } else {
      for (int j = 0; j < length; j++) {
        out[at + j] = data[a + j * colStride] + other.data[b + j * other.colStride];
      }
    }
  }

  /** Copies elements {@code [r, 0 .. length)} into {@code out[at ..]}. */
  void copyRow(int r, int length, float[] out, int at) {
    int a = offset + r * rowStride;
    if (colStride == 1) {
      System.arraycopy(data, a, out, at, length);
    } else {
      for (int j = 0; j < length; j++) {
        out[at + j] = data[a + j * colStride];
      }
    }
  }
}
