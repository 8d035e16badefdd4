package dev.lamina.ops;

import dev.lamina.kernels.Shapes;

/**
 * For ops over operands of any dtype that broadcast (comparisons, logical ops, {@code where}):
 * which element of a row-major operand each element of the broadcast result reads.
 */
final class BroadcastIndex {
  private BroadcastIndex() {}

  /**
   * {@code positions[i]}: the row-major position, in an operand of {@code shape}, of the element
   * that row-major element {@code i} of the broadcast result of shape {@code outShape} reads.
   */
  static int[] positions(int[] shape, int[] outShape) {
    int[] strides = Shapes.broadcastStrides(shape, Shapes.contiguousStrides(shape), outShape);
    int[] positions = new int[Shapes.numel(outShape)];
    int rank = outShape.length;
    int[] index = new int[rank];
    int p = 0;
    for (int i = 0; i < positions.length; i++) {
      positions[i] = p;
      for (int d = rank - 1; d >= 0; d--) {
        index[d]++;
        p += strides[d];
        if (index[d] < outShape[d]) {
          break;
        }
        p -= strides[d] * outShape[d];
        index[d] = 0;
      }
    }
    return positions;
  }
}
