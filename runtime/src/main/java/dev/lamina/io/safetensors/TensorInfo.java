package dev.lamina.io.safetensors;

import java.util.Arrays;

/**
 * One tensor as a safetensors header describes it: its name, element type, shape, and the
 * {@code [begin, end)} byte range it occupies in the data buffer (the bytes after the header).
 */
public final class TensorInfo {
  private final String name;
  private final Dtype dtype;
  private final long[] shape;
  private final long begin;
  private final long end;

  TensorInfo(String name, Dtype dtype, long[] shape, long begin, long end) {
    this.name = name;
    this.dtype = dtype;
    this.shape = shape.clone();
    this.begin = begin;
    this.end = end;
  }

  /** The tensor's key in the header. */
  public String name() {
    return name;
  }

  /** The element type. */
  public Dtype dtype() {
    return dtype;
  }

  /** The sizes of the dimensions (a copy); empty for a scalar. */
  public long[] shape() {
    return shape.clone();
  }

  /** The number of elements (the product of the shape; 1 for a scalar). */
  public long numel() {
    long n = 1;
    for (long d : shape) {
      n *= d; // validated not to overflow when the header was read
    }
    return n;
  }

  /** The first byte of the data, relative to the start of the data buffer. */
  public long begin() {
    return begin;
  }

  /** One past the last byte of the data, relative to the start of the data buffer. */
  public long end() {
    return end;
  }

  /** The number of bytes of data. */
  public long byteLength() {
    return end - begin;
  }

  @Override
  public String toString() {
    return name + ": " + dtype + " " + Arrays.toString(shape) + " bytes [" + begin + ", " + end + ")";
  }
}
