package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.Shapes;

/**
 * The lower ({@code tril}) or upper ({@code triu}) triangle of the matrices in the last two
 * dimensions, the rest set to 0, as PyTorch's: {@code tril} keeps {@code x[..., i, j]} where
 * {@code j - i <= diagonal}, {@code triu} where {@code j - i >= diagonal}. Backward: the gradient
 * through the same mask.
 */
public final class Triangle extends Function {
  private final int diagonal;
  private final boolean lower;

  private Triangle(Tensor x, int diagonal, boolean lower) {
    super(x);
    this.diagonal = diagonal;
    this.lower = lower;
  }

  /**
   * {@code y[..., i, j] = j - i <= diagonal ? x[..., i, j] : 0}: 0 is the main diagonal, positive
   * values count above it, negative below. {@code y} has the shape of {@code x}.
   *
   * @throws IllegalArgumentException when {@code x} has fewer than two dimensions
   */
  public static Tensor lower(Tensor x, int diagonal) {
    return record(masked("tril", x, diagonal, true), new Triangle(x, diagonal, true));
  }

  /** {@code y[..., i, j] = j - i >= diagonal ? x[..., i, j] : 0}, as {@link #lower} otherwise. */
  public static Tensor upper(Tensor x, int diagonal) {
    return record(masked("triu", x, diagonal, false), new Triangle(x, diagonal, false));
  }

  private static Tensor masked(String op, Tensor x, int diagonal, boolean lower) {
    int[] shape = x.shape();
    if (shape.length < 2) {
      throw new IllegalArgumentException(
          op + ": input must have at least 2 dimensions, but it has shape "
              + Shapes.format(shape));
    }
    int rows = shape[shape.length - 2];
    int columns = shape[shape.length - 1];
    float[] out = x.toFloatArray();
    for (int base = 0; base < out.length; base += rows * columns) {
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < columns; j++) {
          // long: j - i - diagonal overflows for a diagonal near the int range's ends.
          long offset = (long) j - i - diagonal;
          if (lower ? offset > 0 : offset < 0) {
            out[base + i * columns + j] = 0f;
          }
        }
      }
    }
    return Tensor.wrap(out, shape);
  }

  @Override
  public String name() {
    return lower ? "TrilBackward0" : "TriuBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {masked(lower ? "tril" : "triu", grad, diagonal, lower)};
  }
}
