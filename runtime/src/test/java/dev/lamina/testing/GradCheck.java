package dev.lamina.testing;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.lamina.NoGrad;
import dev.lamina.Tensor;
import dev.lamina.annotations.DType;
import java.util.Arrays;
import java.util.function.Function;

/**
 * The one gradient check used for every differentiable op: compares the gradients autograd computes
 * with central finite differences, in double precision around float32 inputs, and, given a
 * {@link TorchCase}, the values and gradients with those PyTorch computed.
 *
 * <p>The op's output is reduced to a scalar with fixed weights ({@code sum(w * f(x))}), so every
 * output element contributes and a gradient that is right only in sum cannot pass.
 *
 * <p>Inputs that are not float32 (int64 indices, bool masks) are passed to the op unchanged: they
 * have no gradient and are never perturbed. An int64 or bool output must equal PyTorch's exactly.
 */
public final class GradCheck {
  /** Float32 agreement with PyTorch: {@code |actual - expected| <= ABSOLUTE + RELATIVE * |expected|}. */
  private static final double ABSOLUTE = 1e-5;
  private static final double RELATIVE = 1e-4;
  private static final String AT = "%s at flat index %s: Lamina %s, PyTorch %s";

  private GradCheck() {}

  /** Checks the gradient of {@code op} with respect to each of {@code inputs}. */
  public static void check(String name, Function<Tensor[], Tensor> op, Tensor... inputs) {
    check(name, op, 1e-2, 2e-2, inputs);
  }

  /**
   * Checks with a finite-difference step {@code eps} and a tolerance {@code tolerance}, relative to
   * the larger of 1 and the gradient's magnitude.
   */
  public static void check(String name, Function<Tensor[], Tensor> op, double eps,
      double tolerance, Tensor... inputs) {
    Tensor[] leaves = leaves(inputs);
    Tensor out = op.apply(leaves);
    checkFiniteDifferences(name, op, weightsFor(out.shape()), eps, tolerance, leaves);
  }

  /**
   * Runs {@code op} on the case's inputs and asserts that its output, and the gradients of
   * {@code sum(w * out)} with the case's weights, equal PyTorch's within float32 tolerance; then
   * checks the same gradients by finite differences.
   */
  public static void checkAgainst(TorchCase expected, Function<Tensor[], Tensor> op) {
    if (matchesTorch(expected, op)) {
      checkFiniteDifferences(expected.name(), op, expected.weights(), 1e-2, 2e-2,
          leaves(expected.inputs()));
    }
  }

  /**
   * The first half of {@link #checkAgainst}, without finite differences: for an op whose gradient
   * is by definition not the derivative, such as an embedding's with {@code padding_idx}, which
   * PyTorch keeps at zero, and for inputs at which the op is not differentiable (ties of a maximum,
   * values on a clamp's bounds, a kink at 0), where PyTorch's choice of gradient is the reference
   * and a finite difference would measure the mean of the two one-sided slopes. Returns whether
   * the case has gradients to compare.
   */
  public static boolean matchesTorch(TorchCase expected, Function<Tensor[], Tensor> op) {
    String name = expected.name();
    Tensor[] leaves = leaves(expected.inputs());
    Tensor out = op.apply(leaves);
    assertClose(name + ": output", out, expected.output());
    if (expected.weights() == null) {
      return false;
    }
    out.mul(expected.weights()).sum().backward();
    for (int i = 0; i < leaves.length; i++) {
      if (!isFloat(leaves[i])) {
        continue;
      }
      Tensor grad = leaves[i].grad() == null ? leaves[i].zerosLike() : leaves[i].grad();
      assertClose(name + ": gradient of input " + i, grad, expected.grads()[i]);
    }
    return true;
  }

  /** Asserts equal shapes and values within float32 tolerance of PyTorch's. */
  public static void assertClose(String what, Tensor actual, Tensor expected) {
    assertWithMessage("%s: shape", what).that(actual.shape()).isEqualTo(expected.shape());
    assertWithMessage("%s: dtype", what).that(actual.dtype()).isEqualTo(expected.dtype());
    if (!isFloat(expected)) {
      assertWithMessage("%s: Lamina %s, PyTorch %s", what, actual, expected)
          .that(actual.equal(expected)).isTrue();
      return;
    }
    float[] e = expected.toFloatArray();
    double[] reference = new double[e.length];
    for (int k = 0; k < e.length; k++) {
      reference[k] = e[k];
    }
    assertClose(what, actual, expected.shape(), reference, null);
  }

  /**
   * Asserts that {@code actual} has {@code shape} and each value is within float32 tolerance of
   * the reference {@code expected} (PyTorch's, possibly computed in float64):
   * {@code |actual - expected| <= ABSOLUTE + RELATIVE * (|expected| + magnitude)}. NaN must be
   * NaN, and where the reference rounds to an infinite float32 the value must be that infinity.
   *
   * <p>{@code magnitude} is {@code null} for an op that rounds once per element. For a sum of
   * products (sum, matmul, einsum), whose float32 error grows with the terms rather than with the
   * result, it is the same op applied to the inputs' absolute values: the classic bound on the
   * error of a float32 sum of n terms is {@code n * 2^-24 * Σ|term|}, and {@code RELATIVE = 1e-4}
   * covers n up to about 1,700 even in that worst case, more than any recorded OpInfo sample
   * reduces over; in practice errors grow as {@code sqrt(n)}.
   */
  public static void assertClose(String what, Tensor actual, int[] shape, double[] expected,
      double[] magnitude) {
    assertWithMessage("%s: shape", what).that(actual.shape()).isEqualTo(shape);
    float[] a = actual.toFloatArray();
    for (int k = 0; k < expected.length; k++) {
      float rounded = (float) expected[k];
      if (Double.isNaN(expected[k]) || Float.isInfinite(rounded)) {
        assertWithMessage(AT, what, k, a[k], expected[k]).that(a[k]).isEqualTo(rounded);
      } else {
        double scale = Math.abs(expected[k]) + (magnitude == null ? 0 : magnitude[k]);
        assertWithMessage(AT, what, k, a[k], expected[k]).that(Math.abs(a[k] - expected[k]))
            .isAtMost(ABSOLUTE + RELATIVE * scale);
      }
    }
  }

  private static void checkFiniteDifferences(String name, Function<Tensor[], Tensor> op,
      Tensor weights, double eps, double tolerance, Tensor[] leaves) {
    Tensor out = op.apply(leaves);
    out.mul(weights).sum().backward();
    for (int i = 0; i < leaves.length; i++) {
      if (!isFloat(leaves[i])) {
        continue;
      }
      float[] analytic = leaves[i].grad() == null
          ? new float[leaves[i].numel()] : leaves[i].grad().toFloatArray();
      float[] numeric = numericGradient(op, leaves, i, weights, eps);
      for (int k = 0; k < numeric.length; k++) {
        double scale = Math.max(1.0, Math.abs(numeric[k]));
        assertWithMessage("%s: d/d input %s at flat index %s (input shape %s): analytic %s,"
                + " numeric %s", name, i, k, Arrays.toString(leaves[i].shape()), analytic[k],
                numeric[k])
            .that(Math.abs(analytic[k] - numeric[k]) / scale)
            .isAtMost(tolerance);
      }
    }
  }

  private static Tensor[] leaves(Tensor[] inputs) {
    Tensor[] leaves = new Tensor[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      leaves[i] = isFloat(inputs[i]) ? inputs[i].copy().requiresGrad(true) : inputs[i];
    }
    return leaves;
  }

  private static boolean isFloat(Tensor t) {
    return t.dtype() == DType.FLOAT32;
  }

  @SuppressWarnings("try") // the no-grad scope is used for its effect, not referenced
  private static float[] numericGradient(Function<Tensor[], Tensor> op, Tensor[] leaves, int which,
      Tensor weights, double eps) {
    float[] grad = new float[leaves[which].numel()];
    try (NoGrad ignored = NoGrad.enter()) {
      float[] base = leaves[which].toFloatArray();
      for (int k = 0; k < base.length; k++) {
        Tensor[] plus = replaced(leaves, which, base, k, (float) (base[k] + eps));
        Tensor[] minus = replaced(leaves, which, base, k, (float) (base[k] - eps));
        double up = weightedSum(op.apply(plus), weights);
        double down = weightedSum(op.apply(minus), weights);
        grad[k] = (float) ((up - down) / (2 * eps));
      }
    }
    return grad;
  }

  private static Tensor[] replaced(Tensor[] leaves, int which, float[] base, int k, float value) {
    Tensor[] copy = leaves.clone();
    float[] values = base.clone();
    values[k] = value;
    copy[which] = Tensor.of(values, leaves[which].shape());
    return copy;
  }

  private static double weightedSum(Tensor out, Tensor weights) {
    float[] o = out.toFloatArray();
    float[] w = weights.toFloatArray();
    double total = 0;
    for (int i = 0; i < o.length; i++) {
      total += (double) o[i] * w[i];
    }
    return total;
  }

  /** Fixed weights in [0.5, 1.5) that differ per element. */
  private static Tensor weightsFor(int[] shape) {
    int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = 0.5f + ((i * 7919) % 101) / 101f;
    }
    return Tensor.of(values, shape);
  }
}
