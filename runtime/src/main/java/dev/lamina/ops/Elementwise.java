package dev.lamina.ops;

import dev.lamina.Tensor;
import dev.lamina.kernels.BinaryKernel;
import dev.lamina.kernels.Shapes;

/** Shared plumbing of the element-wise primitives: broadcasting two operands, reading one. */
final class Elementwise {
  private Elementwise() {}

  /** {@code kernel(a, b)} over the broadcast shape of both, in a new contiguous tensor. */
  static Tensor binary(String op, Tensor a, Tensor b, BinaryKernel kernel) {
    int[] as = a.shape();
    int[] bs = b.shape();
    int[] outShape = Shapes.broadcast(op, as, bs);
    float[] out = new float[Shapes.numel(outShape)];
    kernel.apply(outShape, a.storage(), a.storageOffset(),
        Shapes.broadcastStrides(as, a.stride(), outShape), b.storage(), b.storageOffset(),
        Shapes.broadcastStrides(bs, b.stride(), outShape), out);
    return Tensor.wrap(out, outShape);
  }

  /** The values of {@code x} in row-major order, without copying when they already are. */
  static float[] values(Tensor x) {
    if (x.isContiguous() && x.storageOffset() == 0 && x.storage().length == x.numel()) {
      return x.storage();
    }
    return x.toFloatArray();
  }
}
