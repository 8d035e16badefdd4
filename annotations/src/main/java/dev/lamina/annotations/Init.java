package dev.lamina.annotations;

/**
 * How a {@link Param} is filled when it is allocated, with the definitions of {@code torch.nn.init}.
 *
 * <p>Fan-in and fan-out follow PyTorch: for a shape {@code [out, in, k...]}, fan-in is
 * {@code in * prod(k)} and fan-out {@code out * prod(k)}; a 1-d shape has fan-in and fan-out equal
 * to its size. Fans are read from the shape as declared: a weight stored {@code [in, out]} (as the
 * chapter's {@code MyLinear}, used as {@code x.matmul(weight)}) has its fans swapped under this
 * convention, which matters only for the fan-based inits; declare such a weight {@code [out, in]} and
 * use {@code x.matmul(weight.t())} to get PyTorch's bounds exactly. A 1-d parameter with a fan-based
 * init takes the fans of the layer's weight (see {@link Param#init()}).
 */
public enum Init {
  /** All zeros ({@code nn.init.zeros_}). */
  ZEROS,
  /** All ones ({@code nn.init.ones_}). */
  ONES,
  /** Standard normal, mean 0 and standard deviation 1, as {@code torch.randn}. */
  NORMAL,
  /** Uniform on [0, 1), as {@code torch.rand}. */
  UNIFORM,
  /** Uniform on [-a, a] with {@code a = sqrt(6 / (fanIn + fanOut))} ({@code xavier_uniform_}). */
  XAVIER_UNIFORM,
  /** Normal with {@code std = sqrt(2 / (fanIn + fanOut))} ({@code xavier_normal_}). */
  XAVIER_NORMAL,
  /**
   * Uniform on [-b, b] with {@code b = 1 / sqrt(fanIn)}: {@code kaiming_uniform_(a = sqrt(5))}, the
   * default of {@code nn.Linear}'s weight. For a 1-d parameter (a bias) fan-in is that of the
   * layer's weight where the generated code knows it, as {@code nn.Linear} does.
   */
  KAIMING_UNIFORM,
  /** Normal with {@code std = sqrt(2 / fanIn)} ({@code kaiming_normal_}, ReLU gain). */
  KAIMING_NORMAL
}
