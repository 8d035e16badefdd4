package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.BinaryKernel;

/**
 * The element-wise larger ({@code maximum}) or smaller ({@code minimum}) of two tensors, with
 * broadcasting; NaN wins, as in PyTorch. Backward: the gradient goes to the operand that was
 * chosen, and is split in half between the two where they are equal, as PyTorch's.
 */
public final class Extremum extends Function {
  private static final BinaryKernel MAXIMUM = BinaryKernel.of((a, b) -> Math.max(a, b));
  private static final BinaryKernel MINIMUM = BinaryKernel.of((a, b) -> Math.min(a, b));
  /** The share of the gradient the maximum gives {@code a}, against {@code b}. */
  private static final BinaryKernel SHARE_OF_LARGER =
      BinaryKernel.of((a, b) -> a < b ? 0f : a == b ? 0.5f : 1f);

  private final Tensor a;
  private final Tensor b;
  private final boolean maximum;

  private Extremum(Tensor a, Tensor b, boolean maximum) {
    super(a, b);
    this.a = a.detach();
    this.b = b.detach();
    this.maximum = maximum;
  }

  /**
   * {@code y = max(a, b)} element-wise; shapes broadcast as for {@link Add#apply}, and {@code y}
   * has the broadcast shape.
   *
   * @throws IllegalArgumentException naming both shapes when they do not broadcast
   */
  public static Tensor maximum(Tensor a, Tensor b) {
    return record(Elementwise.zip("maximum", a, b, MAXIMUM), new Extremum(a, b, true));
  }

  /** {@code y = min(a, b)} element-wise, shapes as for {@link #maximum}. */
  public static Tensor minimum(Tensor a, Tensor b) {
    return record(Elementwise.zip("minimum", a, b, MINIMUM), new Extremum(a, b, false));
  }

  @Override
  public String name() {
    return maximum ? "MaximumBackward0" : "MinimumBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {
      needsGrad(0) ? shareOf(grad, a, b).sumToShape(a.shape()) : null,
      needsGrad(1) ? shareOf(grad, b, a).sumToShape(b.shape()) : null
    };
  }

  /**
   * {@code grad} times the share that goes to {@code self} against {@code other}. The maximum
   * gives an operand all of it where that operand is the larger or either is NaN, half where the
   * two are equal, none where it is the smaller; the minimum gives {@code self} what the maximum
   * would give {@code other}.
   */
  private Tensor shareOf(Tensor grad, Tensor self, Tensor other) {
    Tensor share = maximum
        ? Elementwise.zip("maximum backward", self, other, SHARE_OF_LARGER)
        : Elementwise.zip("minimum backward", other, self, SHARE_OF_LARGER);
    return grad.mul(share);
  }
}
