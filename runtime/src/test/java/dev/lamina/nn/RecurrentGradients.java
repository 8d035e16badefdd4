package dev.lamina.nn;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.lamina.Module;
import dev.lamina.NoGrad;
import dev.lamina.Tensor;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Finite differences for a layer's parameters, which {@link dev.lamina.testing.GradCheck} does
 * not perturb (it perturbs the inputs it is given): each parameter entry moved by {@code ±eps} in
 * place, the weighted sum of the output recomputed, compared with backpropagation's gradient.
 */
final class RecurrentGradients {
  private static final float EPS = 1e-2f;
  private static final double TOLERANCE = 2e-2;

  private RecurrentGradients() {}

  /**
   * Asserts that the gradient of {@code sum(w * output())}, with fixed weights {@code w} in
   * [0.5, 1.5), with respect to every parameter of {@code layer} is its central difference, within
   * {@code 2e-2} relative to the larger of 1 and the gradient (GradCheck's tolerance).
   */
  @SuppressWarnings("try") // the no-grad scope is used for its effect, not referenced
  static void assertParameterGradientsAreFiniteDifferences(Module layer, Supplier<Tensor> output) {
    Tensor weights = Tensor.rand(output.get().shape()).add(0.5f);
    layer.zeroGrad();
    output.get().mul(weights).sum().backward();
    for (Map.Entry<String, Tensor> entry : layer.namedParameters().entrySet()) {
      Tensor parameter = entry.getValue();
      float[] analytic = parameter.grad().toFloatArray();
      float[] flat = parameter.toFloatArray();
      for (int k = 0; k < flat.length; k++) {
        double numeric;
        try (NoGrad off = NoGrad.enter()) {
          double up = weightedSumWith(parameter, flat, k, flat[k] + EPS, output, weights);
          double down = weightedSumWith(parameter, flat, k, flat[k] - EPS, output, weights);
          parameter.copyFrom(Tensor.of(flat.clone(), parameter.shape()));
          numeric = (up - down) / (2 * EPS);
        }
        assertWithMessage("d/d %s at flat index %s: analytic %s, numeric %s", entry.getKey(), k,
            analytic[k], numeric)
            .that(Math.abs(analytic[k] - numeric) / Math.max(1.0, Math.abs(numeric)))
            .isAtMost(TOLERANCE);
      }
    }
  }

  private static double weightedSumWith(Tensor parameter, float[] flat, int k, float value,
      Supplier<Tensor> output, Tensor weights) {
    float[] moved = flat.clone();
    moved[k] = value;
    parameter.copyFrom(Tensor.of(moved, parameter.shape()));
    float[] out = output.get().toFloatArray();
    float[] w = weights.toFloatArray();
    double sum = 0;
    for (int i = 0; i < out.length; i++) {
      sum += (double) out[i] * w[i];
    }
    return sum;
  }
}
