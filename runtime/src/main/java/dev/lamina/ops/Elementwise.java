package dev.lamina.ops;

import dev.lamina.Tensor;
import dev.lamina.Workspace;
import dev.lamina.kernels.BinaryKernel;
import dev.lamina.kernels.Shapes;
import dev.lamina.kernels.UnaryKernel;
import java.util.Arrays;

/**
 * Shared plumbing of the element-wise primitives: each op's forward is one call here with the
 * kernel of its formula, {@code Elementwise.map(x, EXP)}.
 */
final class Elementwise {
  private Elementwise() {}

  /** {@code kernel} applied to every element of {@code x}, in a new contiguous tensor of its shape. */
  static Tensor map(Tensor x, UnaryKernel kernel) {
    float[] in = values(x);
    float[] out = Workspace.floatsToOverwrite(in.length);
    kernel.apply(in, out);
    return Tensor.wrap(out, x.shape());
  }

  /**
   * {@code kernel(a, b)} over the broadcast shape of both, in a new contiguous tensor.
   *
   * @throws IllegalArgumentException naming {@code op} and both shapes when they do not broadcast
   */
  static Tensor zip(String op, Tensor a, Tensor b, BinaryKernel kernel) {
    int[] as = a.shape();
    int[] bs = b.shape();
    if (a.isContiguous() && b.isContiguous() && Arrays.equals(as, bs)) {
      float[] out = Workspace.floatsToOverwrite(a.numel());
      kernel.row(a.storage(), a.storageOffset(), 1, b.storage(), b.storageOffset(), 1, out, 0,
          out.length);
      return Tensor.wrap(out, as);
    }
    int[] outShape = Shapes.broadcast(op, as, bs);
    float[] out = Workspace.floatsToOverwrite(Shapes.numel(outShape));
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
