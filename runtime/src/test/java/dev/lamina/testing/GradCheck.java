package dev.lamina.testing;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.lamina.NoGrad;
import dev.lamina.Tensor;
import java.util.Arrays;
import java.util.function.Function;

/**
 * The one gradient check used for every differentiable op: compares the gradients autograd computes
 * with central finite differences, in double precision around float32 inputs.
 *
 * <p>The op's output is reduced to a scalar with fixed random weights ({@code sum(w * f(x))}), so
 * every output element contributes and a gradient that is right only in sum cannot pass.
 */
public final class GradCheck {
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
    Tensor[] leaves = new Tensor[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      leaves[i] = inputs[i].copy().requiresGrad(true);
    }
    Tensor out = op.apply(leaves);
    Tensor weights = weightsFor(out.shape());
    out.mul(weights).sum().backward();

    for (int i = 0; i < leaves.length; i++) {
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
    Tensor w = Tensor.zeros(shape);
    float[] values = new float[w.numel()];
    for (int i = 0; i < values.length; i++) {
      values[i] = 0.5f + ((i * 7919) % 101) / 101f;
    }
    return Tensor.of(values, shape);
  }
}
