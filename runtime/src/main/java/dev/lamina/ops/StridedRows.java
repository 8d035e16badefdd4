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
}
