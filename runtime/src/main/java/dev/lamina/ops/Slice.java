package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.Shapes;
import dev.lamina.kernels.Strided;

/**
 * A view of every {@code step}-th element in {@code [start, end)} along one dimension, bounds
 * clamped as in Python. Backward: the gradient written into zeros of the input's shape, or added
 * straight into the input's accumulated gradient ({@link #gradientWindow}).
 */
public final class Slice extends Function {
  private final int[] inShape;
  private final int dim;
  private final int start;
  private final int step;
  private final int length;

  private Slice(Tensor x, int dim, int start, int step, int length) {
    super(x);
    this.inShape = x.shape();
    this.dim = dim;
    this.start = start;
    this.step = step;
    this.length = length;
  }

  /**
   * Elements {@code start, start + step, ...} before {@code end} along {@code dim}, as a view:
   * bounds count from the end when negative and are clamped to {@code [0, size]}, as in Python, so
   * the dimension's new size is {@code ceil((end - start) / step)} after clamping, or 0. Other
   * dimensions are unchanged.
   *
   * @throws IllegalArgumentException for a rank-0 {@code x} or a step that is not positive
   */
  public static Tensor apply(Tensor x, int dim, int start, int end, int step) {
    int[] shape = x.shape();
    int d = Shapes.normalizeDim("slice", dim, shape.length);
    if (shape.length == 0) {
      throw new IllegalArgumentException("slice: cannot slice a rank-0 tensor");
    }
    if (step <= 0) {
      throw new IllegalArgumentException("slice: step must be positive, got " + step);
    }
    int size = shape[d];
    int from = clamp(start < 0 ? start + size : start, size);
    int to = clamp(end < 0 ? end + size : end, size);
    // Counted without forming to - from + step, which overflows for a step near Integer.MAX_VALUE.
    int length = to > from ? (to - from - 1) / step + 1 : 0;
    int[] strides = x.stride();
    int[] newShape = shape.clone();
    newShape[d] = length;
    int[] newStrides = strides.clone();
    newStrides[d] = steppedStride(strides[d], step, length);
    Tensor out = x.viewOfStorage(x.storageOffset() + from * strides[d], newShape, newStrides);
    return record(out, new Slice(x, d, from, step, length));
  }

  /**
   * The stride between selected elements; with at most one of them it is never used, and
   * {@code stride * step} could overflow, so the original stride stands in.
   */
  private static int steppedStride(int stride, int step, int length) {
    return length > 1 ? stride * step : stride;
  }

  private static int clamp(int i, int size) {
    return Math.max(0, Math.min(i, size));
  }

  @Override
  public String name() {
    return "SliceBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    float[] out = new float[Shapes.numel(inShape)];
    Window window = gradientWindow(grad.size(dim));
    Strided.copy(grad.storage(), grad.storageOffset(), grad.shape(), grad.stride(), out,
        window.offset(), window.strides());
    return new Tensor[] {Tensor.wrap(out, inShape)};
  }

  @Override
  protected Window gradientWindow() {
    return gradientWindow(length);
  }

  /** The slice's elements in a row-major buffer of the input's shape. */
  private Window gradientWindow(int length) {
    int[] strides = Shapes.contiguousStrides(inShape);
    int[] viewStrides = strides.clone();
    viewStrides[dim] = steppedStride(strides[dim], step, length);
    return new Window(start * strides[dim], viewStrides);
  }
}
