package dev.lamina.format;

import dev.lamina.Tensor;
import java.util.Arrays;

/** Renders tensors as PyTorch prints them. */
public final class TensorFormatter {
  private TensorFormatter() {}

  /** The text of {@code tensor}, with its {@code requires_grad} or {@code grad_fn} suffix. */
  public static String format(Tensor tensor) {
    StringBuilder out = new StringBuilder("tensor(");
    out.append(Arrays.toString(tensor.toFloatArray()));
    if (tensor.gradFn() != null) {
      out.append(", grad_fn=<").append(tensor.gradFn().name()).append('>');
    } else if (tensor.requiresGrad()) {
      out.append(", requires_grad=True");
    }
    return out.append(')').toString();
  }
}
