package dev.lamina.kernels;

/**
 * Where a sliding window over the last two dimensions of an image falls, as convolution and pooling
 * place it: kernel {@code kh x kw}, stride, zero padding on both sides, and dilation (the step
 * between kernel taps). The output has
 * {@code out = floor((in + 2 * padding - dilation * (kernel - 1) - 1) / stride) + 1} positions per
 * dimension, PyTorch's formula with {@code ceil_mode=False}; output position {@code o} reads input
 * positions {@code o * stride - padding + t * dilation} for taps {@code t = 0 .. kernel - 1}.
 *
 * <p>Hyperparameters come as {@code int[]} of one entry (used for both dimensions, as PyTorch's
 * {@code kernel_size=3}) or two ({@code (height, width)}).
 */
public final class Window2d {
  public final int kernelHeight;
  public final int kernelWidth;
  public final int strideHeight;
  public final int strideWidth;
  public final int paddingHeight;
  public final int paddingWidth;
  public final int dilationHeight;
  public final int dilationWidth;
  public final int inHeight;
  public final int inWidth;
  public final int outHeight;
  public final int outWidth;

  private Window2d(int[] kernel, int[] stride, int[] padding, int[] dilation, int inHeight,
      int inWidth, int outHeight, int outWidth) {
    this.kernelHeight = kernel[0];
    this.kernelWidth = kernel[1];
    this.strideHeight = stride[0];
    this.strideWidth = stride[1];
    this.paddingHeight = padding[0];
    this.paddingWidth = padding[1];
    this.dilationHeight = dilation[0];
    this.dilationWidth = dilation[1];
    this.inHeight = inHeight;
    this.inWidth = inWidth;
    this.outHeight = outHeight;
    this.outWidth = outWidth;
  }

  /**
   * The window of {@code op} over an {@code inHeight x inWidth} image. {@code stride} {@code null}
   * means the kernel size (pooling's default).
   *
   * @throws IllegalArgumentException naming the op and the argument when a hyperparameter is not
   *     one or two entries, not positive (padding: negative), or when the padded image is smaller
   *     than the dilated kernel
   */
  public static Window2d of(String op, int inHeight, int inWidth, int[] kernel, int[] stride,
      int[] padding, int[] dilation) {
    int[] k = pair(op, "kernel_size", kernel, 1);
    int[] s = stride == null ? k : pair(op, "stride", stride, 1);
    int[] p = pair(op, "padding", padding, 0);
    int[] d = pair(op, "dilation", dilation, 1);
    int outHeight = outSize(inHeight, k[0], s[0], p[0], d[0]);
    int outWidth = outSize(inWidth, k[1], s[1], p[1], d[1]);
    if (outHeight < 1 || outWidth < 1) {
      throw new IllegalArgumentException(
          op + ": the padded input of size " + (inHeight + 2 * p[0]) + "x" + (inWidth + 2 * p[1])
              + " is smaller than the kernel of size " + (d[0] * (k[0] - 1) + 1) + "x"
              + (d[1] * (k[1] - 1) + 1) + " (input " + inHeight + "x" + inWidth + ", kernel_size "
              + Shapes.format(k) + ", padding " + Shapes.format(p) + ", dilation "
              + Shapes.format(d) + ")");
    }
    return new Window2d(k, s, p, d, inHeight, inWidth, outHeight, outWidth);
  }

  /** {@code values} as (height, width): one entry stands for both; each at least {@code min}. */
  public static int[] pair(String op, String name, int[] values, int min) {
    if (values == null || values.length < 1 || values.length > 2) {
      throw new IllegalArgumentException(
          op + ": " + name + " must have one or two entries, got "
              + (values == null ? "null" : Shapes.format(values)));
    }
    int[] out = values.length == 1 ? new int[] {values[0], values[0]} : values.clone();
    for (int v : out) {
      if (v < min) {
        throw new IllegalArgumentException(
            op + ": " + name + " must be " + (min == 0 ? "non-negative" : "positive") + ", got "
                + Shapes.format(values));
      }
    }
    return out;
  }

  private static int outSize(int in, int kernel, int stride, int padding, int dilation) {
    return (int) dev.lamina.shapes.rules.ShapeRules.windowPositions(in, kernel, stride, padding,
        dilation);
  }

  /** Output positions per image. */
  public int outPositions() {
    return outHeight * outWidth;
  }

  /** Whether each output position reads exactly one input position, the same one (a 1x1 kernel). */
  public boolean isPointwise() {
    return kernelHeight == 1 && kernelWidth == 1 && strideHeight == 1 && strideWidth == 1
        && paddingHeight == 0 && paddingWidth == 0;
  }

  /**
   * The first output row whose window lies wholly inside the input, every tap reading a real row
   * rather than padding; with {@link #endInteriorRow}, the range of such rows, which may be empty.
   */
  public int firstInteriorRow() {
    return firstInside(-paddingHeight, strideHeight, outHeight);
  }

  /** One past the last output row whose window lies wholly inside the input. */
  public int endInteriorRow() {
    return endInside(dilationHeight * (kernelHeight - 1) - paddingHeight, strideHeight, inHeight,
        firstInteriorRow(), outHeight);
  }

  /** As {@link #firstInteriorRow}, for the columns. */
  public int firstInteriorColumn() {
    return firstInside(-paddingWidth, strideWidth, outWidth);
  }

  /** As {@link #endInteriorRow}, for the columns. */
  public int endInteriorColumn() {
    return endInside(dilationWidth * (kernelWidth - 1) - paddingWidth, strideWidth, inWidth,
        firstInteriorColumn(), outWidth);
  }

  /**
   * The first output column {@code o} whose tap at input column {@code offset + o * stride} is not
   * left of the input (at least 0); with {@link #endInside}, the range of output columns whose tap
   * reads real input rather than padding.
   */
  static int firstInside(int offset, int stride, int outSize) {
    int o = 0;
    while (o < outSize && offset + o * stride < 0) {
      o++;
    }
    return o;
  }

  /** One past the last output column whose tap {@code offset + o * stride} is below {@code size}. */
  static int endInside(int offset, int stride, int size, int first, int outSize) {
    int o = outSize;
    while (o > first && offset + (o - 1) * stride >= size) {
      o--;
    }
    return o;
  }
}
