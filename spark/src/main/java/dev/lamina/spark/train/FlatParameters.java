package dev.lamina.spark.train;

import dev.lamina.Module;
import dev.lamina.NoGrad;
import dev.lamina.Tensor;
import java.util.List;

/**
 * A model's parameters as one flat {@code float[]}, in {@link Module#parameters()} order, each
 * row-major: the form weights are broadcast in and gradients summed in.
 */
final class FlatParameters {
  private FlatParameters() {}

  /** The total number of parameter values. */
  static int count(Module model) {
    return count(model.parameters());
  }

  /** The total number of values of {@code parameters}. */
  static int count(List<Tensor> parameters) {
    long total = 0;
    for (Tensor parameter : parameters) {
      total += parameter.numel();
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("the model has " + total + " parameter values, more than"
          + " one Java array holds; the driver path cannot broadcast or sum it");
    }
    return (int) total;
  }

  /** The parameter values. */
  static float[] values(Module model) {
    float[] flat = new float[count(model)];
    int offset = 0;
    for (Tensor parameter : model.parameters()) {
      float[] values = parameter.toFloatArray();
      System.arraycopy(values, 0, flat, offset, values.length);
      offset += values.length;
    }
    return flat;
  }

  /** Overwrites the parameter values of {@code model} with {@code flat}. */
  @SuppressWarnings("try")
  static void load(Module model, float[] flat) {
    List<Tensor> parameters = model.parameters();
    requireSize(model, flat);
    int offset = 0;
    try (NoGrad ignored = NoGrad.enter()) {
      for (Tensor parameter : parameters) {
        int n = parameter.numel();
        float[] slice = new float[n];
        System.arraycopy(flat, offset, slice, 0, n);
        parameter.copyFrom(Tensor.wrap(slice, parameter.shape()));
        offset += n;
      }
    }
  }

  /** The gradients of {@code model}'s parameters, zeros for a parameter without one. */
  static float[] gradients(Module model) {
    float[] flat = new float[count(model)];
    int offset = 0;
    for (Tensor parameter : model.parameters()) {
      Tensor grad = parameter.grad();
      if (grad != null) {
        float[] values = grad.toFloatArray();
        System.arraycopy(values, 0, flat, offset, values.length);
      }
      offset += parameter.numel();
    }
    return flat;
  }

  /** Sets the gradient of each of {@code model}'s parameters from {@code flat}. */
  static void setGradients(Module model, float[] flat) {
    requireSize(model, flat);
    int offset = 0;
    for (Tensor parameter : model.parameters()) {
      int n = parameter.numel();
      float[] slice = new float[n];
      System.arraycopy(flat, offset, slice, 0, n);
      parameter.setGrad(Tensor.wrap(slice, parameter.shape()));
      offset += n;
    }
  }

  private static void requireSize(Module model, float[] flat) {
    int expected = count(model);
    if (flat.length != expected) {
      throw new IllegalArgumentException("flat parameters: " + flat.length + " values for a model"
          + " of " + expected);
    }
  }
}
