package dev.lamina.init;

import dev.lamina.Generator;
import dev.lamina.NoGrad;
import dev.lamina.Tensor;
import dev.lamina.annotations.Init;
import dev.lamina.kernels.Shapes;

/**
 * Fills tensors in place with the distributions of {@code torch.nn.init}.
 *
 * <p>Fan-in and fan-out are computed as {@code torch.nn.init._calculate_fan_in_and_fan_out} does for a
 * shape {@code [out, in, k...]}: {@code fanIn = in * prod(k)}, {@code fanOut = out * prod(k)}. Callers
 * whose layout differs (a weight stored {@code [in, out]}) pass the fans explicitly.
 */
public final class Initializers {
  private Initializers() {}

  /** Fan-in of a weight shaped {@code [out, in, k...]}; for a 1-d shape, its size. */
  public static int fanIn(int[] shape) {
    if (shape.length < 2) {
      return shape.length == 0 ? 1 : shape[0];
    }
    return shape[1] * Shapes.product(shape, 2, shape.length);
  }

  /** Fan-out of a weight shaped {@code [out, in, k...]}; for a 1-d shape, its size. */
  public static int fanOut(int[] shape) {
    if (shape.length < 2) {
      return shape.length == 0 ? 1 : shape[0];
    }
    return shape[0] * Shapes.product(shape, 2, shape.length);
  }

  /** Fills {@code tensor} by {@code init}, with fans computed from its shape. */
  public static void fill(Tensor tensor, Init init, Generator generator) {
    int[] shape = tensor.shape();
    fill(tensor, init, fanIn(shape), fanOut(shape), generator);
  }

  /**
   * Fills {@code tensor} by {@code init} with the given fans:
   *
   * <ul>
   *   <li>{@code ZEROS}, {@code ONES}: constants;
   *   <li>{@code NORMAL}: N(0, 1); {@code UNIFORM}: U[0, 1);
   *   <li>{@code XAVIER_UNIFORM}: U[-a, a], {@code a = sqrt(6 / (fanIn + fanOut))};
   *   <li>{@code XAVIER_NORMAL}: N(0, 2 / (fanIn + fanOut));
   *   <li>{@code KAIMING_UNIFORM}: U[-b, b], {@code b = 1 / sqrt(fanIn)} ({@code a = sqrt(5)}, as
   *       {@code nn.Linear});
   *   <li>{@code KAIMING_NORMAL}: N(0, 2 / fanIn).
   * </ul>
   */
  public static void fill(Tensor tensor, Init init, int fanIn, int fanOut, Generator generator) {
    float[] values = new float[tensor.numel()];
    switch (init) {
      case ZEROS -> { }
      case ONES -> java.util.Arrays.fill(values, 1f);
      case NORMAL -> normal(values, 1.0, generator);
      case UNIFORM -> uniform(values, 0.0, 1.0, generator);
      case XAVIER_UNIFORM -> {
        double a = Math.sqrt(6.0 / Math.max(fanIn + fanOut, 1));
        uniform(values, -a, a, generator);
      }
      case XAVIER_NORMAL ->
          normal(values, Math.sqrt(2.0 / Math.max(fanIn + fanOut, 1)), generator);
      case KAIMING_UNIFORM -> {
        double b = fanIn > 0 ? 1.0 / Math.sqrt(fanIn) : 0.0;
        uniform(values, -b, b, generator);
      }
      case KAIMING_NORMAL -> normal(values, fanIn > 0 ? Math.sqrt(2.0 / fanIn) : 0.0, generator);
    }
    try (NoGrad ignored = NoGrad.enter()) {
      tensor.copyFrom(Tensor.adopt(values, tensor.shape()));
    }
  }

  /**
   * A generator for one parameter, seeded from the global seed and the parameter's identity (the
   * layer's type, the field, and how many parameters of that type and field were made before), so
   * that a layer's initial values do not depend on what other layers were built before it.
   */
  public static Generator generatorFor(String layerType, String field) {
    return new Generator(ParameterSeeds.next(layerType, field));
  }

  private static void uniform(float[] values, double low, double high, Generator generator) {
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (low + (high - low) * generator.nextUniform());
    }
  }

  private static void normal(float[] values, double std, Generator generator) {
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (std * generator.nextNormal());
    }
  }
}
