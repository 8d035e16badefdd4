package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.Workspace;
import dev.lamina.kernels.BinaryKernel;
import dev.lamina.kernels.FloatExp;
import dev.lamina.kernels.MathFunctions;
import dev.lamina.kernels.UnaryKernel;

/**
 * The Gaussian error linear unit {@code x · Φ(x)}, as PyTorch's {@code gelu}: exactly, with
 * {@code Φ(x) = (1 + erf(x / sqrt 2)) / 2}, or with PyTorch's {@code approximate="tanh"},
 * {@code Φ(x) ≈ (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) / 2}. Backward: the derivative of the
 * same formula. The op behind {@link Tensor#gelu}; the layer is {@link dev.lamina.nn.GELU}.
 */
public final class Gelu extends Function {
  private static final double SQRT_HALF = Math.sqrt(0.5);
  private static final double SQRT_TWO_OVER_PI = Math.sqrt(2 / Math.PI);
  private static final double CUBIC = 0.044715;

  private static final float SQRT_HALF_F = (float) SQRT_HALF;
  /** {@code 1 / sqrt(2 pi)}, the standard normal density at 0. */
  private static final float NORMAL_DENSITY_AT_ZERO =
      (float) (0.5 * SQRT_HALF * Erf.TWO_OVER_SQRT_PI);
  private static final UnaryKernel EXACT =
      UnaryKernel.of(v -> 0.5f * v * (1f + MathFunctions.erf(v * SQRT_HALF_F)));
  // 0.5 (1 + tanh u) is σ(2u), and 0.5 (1 - tanh² u) is 2 σ(2u) (1 - σ(2u)): computed through
  // exp, the formula keeps its precision where tanh saturates.
  private static final UnaryKernel TANH = UnaryKernel.of(v -> (float) (v * logistic(2 * inner(v))));
  private static final BinaryKernel TANH_BACKWARD = BinaryKernel.of((g, v) -> {
    double s = logistic(2 * inner(v));
    double slope = SQRT_TWO_OVER_PI * (1 + 3 * CUBIC * v * v);
    return g * (float) (s + 2 * v * s * (1 - s) * slope);
  });

  /** {@code sqrt(2/pi) (v + 0.044715 v³)}, the argument of tanh in the approximation. */
  private static double inner(double v) {
    return SQRT_TWO_OVER_PI * (v + CUBIC * v * v * v);
  }

  private static double logistic(double u) {
    return 1 / (1 + Math.exp(-u));
  }

  private final Tensor x;
  private final boolean tanh;

  private Gelu(Tensor x, boolean tanh) {
    super(x);
    this.x = x.detach();
    this.tanh = tanh;
  }

  /**
   * {@code y = x Φ(x)} element-wise, {@code approximate} being PyTorch's {@code "none"} (the exact
   * normal CDF) or {@code "tanh"}; {@code y} has the shape of {@code x}.
   *
   * @throws IllegalArgumentException for any other {@code approximate}
   */
  public static Tensor apply(Tensor x, String approximate) {
    boolean tanh = isTanh(approximate);
    return record(Elementwise.map(x, tanh ? TANH : EXACT), new Gelu(x, tanh));
  }

  /** Whether {@code approximate} asks for the tanh formula; checked as PyTorch does. */
  public static boolean isTanh(String approximate) {
    return switch (approximate) {
      case "none" -> false;
      case "tanh" -> true;
      default -> throw new IllegalArgumentException(
          "gelu: approximate must be \"none\" or \"tanh\", but it is \"" + approximate + "\"");
    };
  }

  @Override
  public String name() {
    return "GeluBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    if (tanh) {
      return new Tensor[] {Elementwise.zip("gelu backward", grad, x, TANH_BACKWARD)};
    }
    return new Tensor[] {Tensor.wrap(exactBackward(Elementwise.values(grad),
        Elementwise.values(x)), x.shape())};
  }

  /**
   * {@code g (Φ(v) + v φ(v))} for each pair, {@code φ(v) = e^(-v²/2) / sqrt(2 pi)}. In float, as
   * the forward (a double {@code Math.exp} per element took a fifth of a transformer's training
   * step), and in passes over the whole range: the exponential through {@link FloatExp#exp(float[],
   * float[], int, int)}, whose polynomial runs in a vectorized loop, and the rest in loops that
   * read and write every array at one index, which the JIT vectorizes too.
   */
  private static float[] exactBackward(float[] g, float[] v) {
    int n = v.length;
    float[] halfSquares = Workspace.floatsToOverwrite(n);
    for (int i = 0; i < n; i++) {
      halfSquares[i] = -0.5f * v[i] * v[i];
    }
    float[] densities = Workspace.floatsToOverwrite(n);
    FloatExp.exp(halfSquares, densities, 0, n);
    // erf in a loop of its own: with the three arrays of the formula beside it, the JIT of JDK 17
    // no longer vectorizes the loop (measured: 8 ms against 1.5 ms for both loops apart, on 820K
    // values).
    float[] out = halfSquares;
    for (int i = 0; i < n; i++) {
      out[i] = MathFunctions.erf(v[i] * SQRT_HALF_F);
    }
    for (int i = 0; i < n; i++) {
      float cdf = 0.5f * (1f + out[i]);
      float pdf = densities[i] * NORMAL_DENSITY_AT_ZERO;
      out[i] = g[i] * (cdf + v[i] * pdf);
    }
    return out;
  }
}
