package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.UnaryKernel;

/**
 * {@code 1 / (1 + e^-x)}. Backward: {@code grad * s * (1 - s)} with s the output. The op behind
 * {@link Tensor#sigmoid}; the layer is {@link dev.lamina.nn.Sigmoid}.
 */
public final class SigmoidOp extends Function {
  private static final UnaryKernel SIGMOID = UnaryKernel.of(v -> (float) (1.0 / (1.0 + Math.exp(-v))));

  private final Tensor out;

  private SigmoidOp(Tensor x, Tensor out) {
    super(x);
    this.out = out.detach();
  }

  /** {@code y = 1 / (1 + e^-x)} element-wise; {@code y} has the shape of {@code x}. */
  public static Tensor apply(Tensor x) {
    Tensor out = Elementwise.map(x, SIGMOID);
    return record(out, new SigmoidOp(x, out));
  }

  @Override
  public String name() {
    return "SigmoidBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {grad.mul(out.mul(out.neg().add(1f)))};
  }
}
