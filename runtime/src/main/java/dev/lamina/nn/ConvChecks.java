package dev.lamina.nn;

import dev.lamina.PaddingMode;
import dev.lamina.format.ConfigText;
import java.util.Arrays;
import java.util.Locale;

/** What {@link Conv1d} and {@link Conv2d} check and print alike, as PyTorch's {@code _ConvNd}. */
final class ConvChecks {
  private ConvChecks() {}

  /** Refuses non-positive sizes and a {@code groups} that does not divide both channel counts. */
  static void channels(String layer, int inChannels, int outChannels, int groups) {
    if (inChannels < 1 || outChannels < 1 || groups < 1) {
      throw new IllegalArgumentException(
          layer + ": inChannels, outChannels and groups must be positive, got " + inChannels
              + ", " + outChannels + " and " + groups);
    }
    if (inChannels % groups != 0 || outChannels % groups != 0) {
      throw new IllegalArgumentException(
          layer + ": inChannels=" + inChannels + " and outChannels=" + outChannels
              + " must both be divisible by groups=" + groups);
    }
  }

  /** {@code mode}, refused when null. */
  static PaddingMode paddingMode(String layer, PaddingMode mode) {
    if (mode == null) {
      throw new IllegalArgumentException(
          layer + ": paddingMode must be CONSTANT (PyTorch's 'zeros'), REFLECT or REPLICATE,"
              + " got null");
    }
    return mode;
  }

  /**
   * PyTorch's {@code extra_repr}: channels, kernel size and stride always; padding, dilation and
   * groups when not their defaults; {@code bias=False} without a bias; the padding mode when not
   * zeros, by PyTorch's name ({@code padding_mode=reflect}).
   */
  static String repr(int inChannels, int outChannels, int[] kernelSize, int[] stride,
      int[] padding, int[] dilation, int groups, boolean bias, PaddingMode paddingMode) {
    StringBuilder out = new StringBuilder()
        .append(inChannels).append(", ").append(outChannels)
        .append(", kernel_size=").append(ConfigText.of(kernelSize))
        .append(", stride=").append(ConfigText.of(stride));
    if (Arrays.stream(padding).anyMatch(p -> p != 0)) {
      out.append(", padding=").append(ConfigText.of(padding));
    }
    if (Arrays.stream(dilation).anyMatch(d -> d != 1)) {
      out.append(", dilation=").append(ConfigText.of(dilation));
    }
    if (groups != 1) {
      out.append(", groups=").append(groups);
    }
    if (!bias) {
      out.append(", bias=False");
    }
    if (paddingMode != PaddingMode.CONSTANT) {
      // Unquoted: PyTorch formats the string with str(), not repr().
      out.append(", padding_mode=").append(paddingMode.name().toLowerCase(Locale.ROOT));
    }
    return out.toString();
  }
}
