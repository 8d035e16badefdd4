package dev.lamina.format;

import dev.lamina.Tensor;
import dev.lamina.annotations.DType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders tensors as PyTorch prints them ({@code repr} with default print options), so that
 * printed results can be compared with PyTorch's character for character:
 *
 * <pre>
 * tensor([-2., -1.,  0.,  1.,  2.])
 * tensor([[0.0000, 1.7772, 0.0000],
 *         [0.3026, 0.6193, 0.4388]], requires_grad=True)
 * tensor([1.0000e-05, 1.0000e+00])
 * tensor([], size=(0, 3))
 * tensor(0.2500, grad_fn=&lt;MeanBackward0&gt;)
 * tensor([1, 2, 3])
 * tensor([ True, False])
 * tensor([], size=(0, 3), dtype=torch.int64)
 * </pre>
 *
 * See {@link ValueFormatter} for the choice of notation and {@link TensorText} for the layout.
 * Suffixes ({@code size=...} of an empty tensor, the {@code dtype=...} of an empty int64 or bool
 * tensor, whose type no value shows, then {@code grad_fn=<...>} or
 * {@code requires_grad=True}) follow on the same line while it stays within the line width, else on
 * a new line aligned with the first bracket.
 */
public final class TensorFormatter {
  private static final String PREFIX = "tensor(";

  private TensorFormatter() {}

  /** The text of {@code tensor} with PyTorch's default print options. */
  public static String format(Tensor tensor) {
    return format(tensor, PrintOptions.DEFAULT);
  }

  /** The text of {@code tensor} with {@code options}. */
  public static String format(Tensor tensor, PrintOptions options) {
    int[] shape = tensor.shape();
    List<String> suffixes = new ArrayList<>();
    String body;
    if (tensor.numel() == 0) {
      body = "[]";
      if (shape.length != 1) {
        suffixes.add("size=" + pythonTuple(shape));
      }
      if (tensor.dtype() != DType.FLOAT32) {
        suffixes.add("dtype=torch." + tensor.dtype().name().toLowerCase(Locale.ROOT));
      }
    } else {
      int indent = PREFIX.length();
      body = switch (tensor.dtype()) {
        case FLOAT32 -> TensorText.render(tensor.toFloatArray(), shape, options, indent);
        case INT64 -> TensorText.render(tensor.toLongArray(), shape, options, indent);
        case BOOL -> TensorText.render(tensor.toBooleanArray(), shape, options, indent);
      };
    }
    if (tensor.gradFn() != null) {
      suffixes.add("grad_fn=<" + tensor.gradFn().name() + ">");
    } else if (tensor.requiresGrad()) {
      suffixes.add("requires_grad=True");
    }
    return withSuffixes(PREFIX + body, suffixes, PREFIX.length(), options.lineWidth());
  }

  private static String withSuffixes(String text, List<String> suffixes, int indent, int lineWidth) {
    StringBuilder out = new StringBuilder(text);
    // Measured as PyTorch measures it: the last line plus two, for the ", " still to come.
    int lastLine = text.length() - text.lastIndexOf('\n') + 1;
    for (String suffix : suffixes) {
      if (lastLine + suffix.length() + 2 > lineWidth) {
        out.append(",\n").append(" ".repeat(indent)).append(suffix);
        lastLine = indent + suffix.length();
      } else {
        out.append(", ").append(suffix);
        lastLine += suffix.length() + 2;
      }
    }
    return out.append(')').toString();
  }

  /** Python's {@code str(tuple(shape))}: {@code (0, 3)}, {@code (0,)}. */
  private static String pythonTuple(int[] shape) {
    StringBuilder out = new StringBuilder("(");
    for (int d = 0; d < shape.length; d++) {
      out.append(d == 0 ? "" : ", ").append(shape[d]);
    }
    return out.append(shape.length == 1 ? ",)" : ")").toString();
  }
}
