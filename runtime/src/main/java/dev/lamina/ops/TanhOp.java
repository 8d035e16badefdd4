package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.MathFunctions;
import dev.lamina.kernels.UnaryKernel;

/**
 * Hyperbolic tangent, in float precision ({@link MathFunctions#tanh}). Backward: {@code grad * (1 - t^2)} with t the output. The op behind
 * {@link Tensor#tanh}; the layer is {@link dev.lamina.nn.Tanh}.
 */
public final class TanhOp extends Function {
  private static final UnaryKernel TANH = UnaryKernel.of(MathFunctions::tanh);

  private final Tensor out;

  private TanhOp(Tensor x, Tensor out) {
    super(x);
    this.out = out.detach();
  }

  /**
   * {@code y = tanh x = (e^x - e^-x) / (e^x + e^-x)} element-wise; {@code y} has the shape of
   * {@code x}.
   */
  public static Tensor apply(Tensor x) {
    Tensor out = Elementwise.map(x, TANH);
    return record(out, new TanhOp(x, out));
  }

  @Override
  public String name() {
    return "TanhBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {grad.mul(out.mul(out).neg().add(1f))};
  }
}
