package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.BinaryKernel;

/**
 * {@code min(max(x, min), max)}, as PyTorch's {@code clamp}, either bound possibly absent; NaN
 * stays NaN. Backward: {@code grad} where {@code min <= x <= max}, bounds included, else 0, as PyTorch.
 * The op behind {@link Tensor#clamp}.
 */
public final class Clamp extends Function {
  // The bound is the second operand, a broadcast scalar, so that one kernel serves every bound.
  private static final BinaryKernel AT_LEAST = BinaryKernel.of((v, bound) -> Math.max(v, bound));
  private static final BinaryKernel AT_MOST = BinaryKernel.of((v, bound) -> Math.min(v, bound));
  private static final BinaryKernel PASSES = BinaryKernel.of((g, inside) -> inside > 0 ? g : 0f);
  private static final BinaryKernel INSIDE_LOW =
      BinaryKernel.of((v, bound) -> v >= bound ? 1f : 0f);
  private static final BinaryKernel INSIDE_HIGH =
      BinaryKernel.of((v, bound) -> v <= bound ? 1f : 0f);

  private final Tensor x;
  private final Tensor min;
  private final Tensor max;

  private Clamp(Tensor x, Tensor min, Tensor max) {
    super(x);
    this.x = x.detach();
    this.min = min;
    this.max = max;
  }

  /**
   * {@code y = min(max(x, min), max)} element-wise, a {@code null} bound being absent; {@code y}
   * has the shape of {@code x}. As in PyTorch, {@code min > max} gives {@code max} everywhere.
   *
   * @throws IllegalArgumentException when both bounds are absent, as PyTorch
   */
  public static Tensor apply(Tensor x, Float min, Float max) {
    if (min == null && max == null) {
      throw new IllegalArgumentException("clamp: at least one of min and max must be given");
    }
    Tensor low = min == null ? null : Tensor.scalar(min);
    Tensor high = max == null ? null : Tensor.scalar(max);
    Tensor out = x.detach();
    if (low != null) {
      out = Elementwise.zip("clamp", out, low, AT_LEAST);
    }
    if (high != null) {
      out = Elementwise.zip("clamp", out, high, AT_MOST);
    }
    return record(out, new Clamp(x, low, high));
  }

  @Override
  public String name() {
    return "ClampBackward1";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    Tensor inside = null;
    if (min != null) {
      inside = Elementwise.zip("clamp backward", x, min, INSIDE_LOW);
    }
    if (max != null) {
      Tensor belowMax = Elementwise.zip("clamp backward", x, max, INSIDE_HIGH);
      inside = inside == null ? belowMax : inside.mul(belowMax);
    }
    return new Tensor[] {Elementwise.zip("clamp backward", grad, inside, PASSES)};
  }
}
