package dev.lamina.ops;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.PaddingMode;
import dev.lamina.Tensor;
import dev.lamina.kernels.Im2Row;
import dev.lamina.kernels.Shapes;
import dev.lamina.kernels.Window2d;
import dev.lamina.testing.Fixtures;
import dev.lamina.testing.GradCheck;
import dev.lamina.testing.TorchCase;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link Tensor#conv2d}, {@link Tensor#conv1d}, {@link Tensor#pad}, {@link Tensor#maxPool2d},
 * {@link Tensor#avgPool2d} and {@link Tensor#adaptiveAvgPool2d} against PyTorch, one line per
 * configuration: outputs and the gradients of {@code sum(w * out)} equal those of
 * {@code fixtures/extras/conv_fixtures.json} ({@code make_conv_fixtures.py}, same case names), and
 * the gradients agree with finite differences.
 */
class ConvolutionAndPoolingTest {
  private static final Map<String, Function<Tensor[], Tensor>> OPS = new LinkedHashMap<>();

  static {
    op("conv2d/basic", x -> x[0].conv2d(x[1], x[2]));
    op("conv2d/stride2", x -> x[0].conv2d(x[1], x[2], ints(2), ints(0)));
    op("conv2d/padding1", x -> x[0].conv2d(x[1], x[2], ints(1), ints(1)));
    op("conv2d/dilation2,padding1", x -> x[0].conv2d(x[1], x[2], ints(1), ints(1), ints(2), 1));
    op("conv2d/groups2", x -> x[0].conv2d(x[1], x[2], ints(1), ints(0), ints(1), 2));
    op("conv2d/depthwise,padding1", x -> x[0].conv2d(x[1], x[2], ints(1), ints(1), ints(1), 3));
    op("conv2d/1x1", x -> x[0].conv2d(x[1], x[2]));
    op("conv2d/1x1,stride2", x -> x[0].conv2d(x[1], x[2], ints(2), ints(0)));
    op("conv2d/nonsquare", x -> x[0].conv2d(x[1], x[2], ints(2, 1), ints(1, 0), ints(1, 2), 1));
    op("conv2d/nobias", x -> x[0].conv2d(x[1], null, ints(1), ints(0, 1)));
    op("conv2d/large,padding1", x -> x[0].conv2d(x[1], x[2], ints(1), ints(1)));
    op("conv2d/transposedInput", x -> x[0].transpose(2, 3).conv2d(x[1], x[2]));

    op("conv1d/basic", x -> x[0].conv1d(x[1], x[2]));
    op("conv1d/stride2,padding1,dilation2,groups2", x -> x[0].conv1d(x[1], x[2], 2, 1, 2, 2));
    op("conv1d/1,nobias", x -> x[0].conv1d(x[1], null));

    op("pad/constant,1,2,value0.5", x -> x[0].pad(ints(1, 2), PaddingMode.CONSTANT, 0.5f));
    op("pad/constant,1,1,2,0", x -> x[0].pad(1, 1, 2, 0));
    op("pad/constant,crop-1,2", x -> x[0].pad(-1, 2));
    op("pad/constant,three", x -> x[0].pad(1, 0, 0, 1, 1, 1));
    op("pad/reflect,2,1", x -> x[0].pad(ints(2, 1), PaddingMode.REFLECT));
    op("pad/reflect,1,2,2,1", x -> x[0].pad(ints(1, 2, 2, 1), PaddingMode.REFLECT));
    op("pad/replicate,2,3", x -> x[0].pad(ints(2, 3), PaddingMode.REPLICATE));
    op("pad/replicate,1,2,3,1", x -> x[0].pad(ints(1, 2, 3, 1), PaddingMode.REPLICATE));

    op("maxPool2d/2", x -> x[0].maxPool2d(2));
    op("maxPool2d/3,stride2,padding1", x -> x[0].maxPool2d(ints(3), ints(2), ints(1)));
    op("maxPool2d/2x3,stride1x2,padding1", x -> x[0].maxPool2d(ints(2, 3), ints(1, 2), ints(1)));
    op("maxPool2d/3,stride1,padding1,dilation2",
        x -> x[0].maxPool2d(ints(3), ints(1), ints(1), ints(2)));
    op("maxPool2d/3,stride2,overlapping", x -> x[0].maxPool2d(ints(3), ints(2), ints(0)));
    op("avgPool2d/2", x -> x[0].avgPool2d(2));
    op("avgPool2d/3,stride2,padding1", x -> x[0].avgPool2d(ints(3), ints(2), ints(1)));
    op("avgPool2d/3x2,stride1x2,padding1", x -> x[0].avgPool2d(ints(3, 2), ints(1, 2), ints(1)));
    op("avgPool2d/3,stride2,nonDivisible", x -> x[0].avgPool2d(ints(3), ints(2), ints(0)));
    op("adaptiveAvgPool2d/6x6,3x3", x -> x[0].adaptiveAvgPool2d(3, 3));
    op("adaptiveAvgPool2d/7x5,3x2", x -> x[0].adaptiveAvgPool2d(3, 2));
    op("adaptiveAvgPool2d/5x7,1x1", x -> x[0].adaptiveAvgPool2d(1, 1));
    op("adaptiveAvgPool2d/4x4,6x5", x -> x[0].adaptiveAvgPool2d(6, 5));

    op("conv2d/unbatched", x -> x[0].conv2d(x[1], x[2], ints(1), ints(1)));
    op("conv1d/unbatched", x -> x[0].conv1d(x[1], x[2], 2, 0, 1, 1));
    op("maxPool2d/unbatched", x -> x[0].maxPool2d(ints(2), ints(1), ints(0)));
    op("avgPool2d/unbatched", x -> x[0].avgPool2d(ints(2), ints(1), ints(1)));
    op("adaptiveAvgPool2d/unbatched", x -> x[0].adaptiveAvgPool2d(2, 3));
  }

  private static final Map<String, TorchCase> CASES =
      TorchCase.load(Fixtures.load("fixtures/extras", "conv_fixtures.json"));

  @TestFactory
  Stream<DynamicTest> everyConfigurationMatchesTorchAndFiniteDifferences() {
    return OPS.entrySet().stream().map(op -> DynamicTest.dynamicTest(op.getKey(), () -> {
      TorchCase expected = CASES.get(op.getKey());
      assertWithMessage("fixture for %s in conv_fixtures.json", op.getKey())
          .that(expected).isNotNull();
      GradCheck.checkAgainst(expected, op.getValue());
    }));
  }

  @Test
  void everyFixtureHasAnOp() {
    assertWithMessage("cases in conv_fixtures.json without a line in this test")
        .that(CASES.keySet()).containsExactlyElementsIn(OPS.keySet());
  }

  @Test
  void convolutionEqualsTheDefiningSum() {
    Tensor x = Tensor.randn(2, 4, 6, 5);
    Tensor w = Tensor.randn(6, 2, 3, 2);
    Tensor b = Tensor.randn(6);
    int[] stride = {2, 1};
    int[] padding = {1, 2};
    int[] dilation = {2, 1};

    Tensor y = x.conv2d(w, b, stride, padding, dilation, 2);

    assertThat(y.shape()).isEqualTo(new int[] {2, 6, 2, 8});
    for (int n = 0; n < 2; n++) {
      for (int o = 0; o < 6; o++) {
        int group = o / 3;
        for (int p = 0; p < 2; p++) {
          for (int q = 0; q < 8; q++) {
            double sum = b.get(o);
            for (int c = 0; c < 2; c++) {
              for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 2; j++) {
                  int h = p * stride[0] - padding[0] + i * dilation[0];
                  int v = q * stride[1] - padding[1] + j * dilation[1];
                  if (h >= 0 && h < 6 && v >= 0 && v < 5) {
                    sum += (double) w.get(o, c, i, j) * x.get(n, group * 2 + c, h, v);
                  }
                }
              }
            }
            assertWithMessage("y[%s, %s, %s, %s]", n, o, p, q)
                .that((double) y.get(n, o, p, q)).isWithin(1e-4).of(sum);
          }
        }
      }
    }
  }

  /**
   * The weight gradient from the columns the forward kept equals, bit for bit, the one from
   * columns unfolded again in backward, as a convolution too large to keep its columns computes it
   * (by channel): for columns kept by channel ({@link Im2Col}, the width dilated) and kept channels
   * last ({@link Im2Row}), whose gradient is permuted back from patch order.
   */
  @Test
  void keptColumnsGiveTheSameGradientsAsColumnsUnfoldedAgain() {
    Conv byChannel = new Conv(Tensor.randn(3, 4, 7, 6), Tensor.randn(6, 2, 3, 2), ints(2, 1),
        ints(1, 2), ints(1, 2), 2);
    Conv channelsLast = new Conv(Tensor.randn(2, 16, 7, 6), Tensor.randn(4, 8, 3, 3), ints(2, 1),
        ints(1, 2), ints(2, 1), 2);
    assertThat(byChannel.unfoldsChannelsLast()).isFalse();
    assertThat(channelsLast.unfoldsChannelsLast()).isTrue();
    for (Conv conv : new Conv[] {byChannel, channelsLast}) {
      float[][] kept = conv.gradients(Convolution.KEPT_COLUMNS, true);
      float[][] unfoldedAgain = conv.gradients(0, true);
      for (int i = 0; i < Conv.RESULTS.length; i++) {
        assertWithMessage("%s, %s", conv, Conv.RESULTS[i]).that(kept[i]).usingExactEquality()
            .containsExactly(unfoldedAgain[i]).inOrder();
      }
    }
  }

  /**
   * Unfolded channels last, a convolution gives the output and gradients it gives unfolded by
   * channel, to rounding: grouped, strided, padded past the kernel's width, dilated in height, the
   * {@code cnn} model's second layer.
   */
  @Test
  void channelsLastGivesWhatUnfoldingByChannelGives() {
    Conv[] convs = {
        new Conv(Tensor.randn(2, 16, 7, 6), Tensor.randn(4, 8, 3, 3), ints(2, 1), ints(1, 2),
            ints(2, 1), 2),
        new Conv(Tensor.randn(2, 6, 5, 4), Tensor.randn(3, 6, 3, 3), ints(1, 2), ints(0, 4),
            ints(1), 1),
        new Conv(Tensor.randn(3, 8, 12, 12), Tensor.randn(16, 8, 5, 5), ints(1), ints(0),
            ints(1), 1)};
    for (Conv conv : convs) {
      assertWithMessage("%s unfolds channels last", conv).that(conv.unfoldsChannelsLast())
          .isTrue();
      float[][] channelsLast = conv.gradients(Convolution.KEPT_COLUMNS, true);
      float[][] byChannel = conv.gradients(Convolution.KEPT_COLUMNS, false);
      for (int i = 0; i < Conv.RESULTS.length; i++) {
        assertWithMessage("%s, %s", conv, Conv.RESULTS[i]).that(channelsLast[i])
            .usingTolerance(1e-4).containsExactly(byChannel[i]).inOrder();
      }
    }
  }

  /** A convolution with a bias, whose output gradient is fixed. */
  private record Conv(Tensor x, Tensor w, Tensor b, Tensor gradient, int[] stride, int[] padding,
      int[] dilation, int groups) {
    static final String[] RESULTS = {"output", "input gradient", "weight gradient",
        "bias gradient"};

    Conv(Tensor x, Tensor w, int[] stride, int[] padding, int[] dilation, int groups) {
      this(x, w, Tensor.randn(w.size(0)), Tensor.randn(x.conv2d(w, null, stride, padding,
          dilation, groups).shape()), stride, padding, dilation, groups);
    }

    boolean unfoldsChannelsLast() {
      return Im2Row.applies(Window2d.of("conv2d", x.size(2), x.size(3),
          new int[] {w.size(2), w.size(3)}, stride, padding, dilation), w.size(1));
    }

    /**
     * Output and gradients when at most {@code kept} floats of columns are kept, unfolded channels
     * last where that applies only if {@code channelsLast}.
     */
    float[][] gradients(long kept, boolean channelsLast) {
      Tensor input = x.copy().requiresGrad(true);
      Tensor weight = w.copy().requiresGrad(true);
      Tensor bias = b.copy().requiresGrad(true);
      Tensor y = Convolution.apply(input, weight, bias, stride, padding, dilation, groups, kept,
          channelsLast);
      y.backward(gradient);
      return new float[][] {y.toFloatArray(), input.grad().toFloatArray(),
          weight.grad().toFloatArray(), bias.grad().toFloatArray()};
    }

    @Override
    public String toString() {
      return "conv2d of " + Shapes.format(x.shape()) + " by " + Shapes.format(w.shape())
          + ", stride " + Shapes.format(stride) + ", padding " + Shapes.format(padding)
          + ", dilation " + Shapes.format(dilation) + ", groups " + groups;
    }
  }

  @Test
  void gradientsAgreeWithFiniteDifferencesWhereOnlySomeInputsNeedThem() {
    Tensor weight = Tensor.randn(3, 2, 2, 2);
    GradCheck.check("conv2d, input only",
        in -> in[0].conv2d(weight, null, ints(2), ints(1)), Tensor.randn(2, 2, 5, 5));
    Tensor input = Tensor.randn(2, 2, 5, 5);
    GradCheck.check("conv2d, weight and bias only",
        in -> input.conv2d(in[0], in[1], ints(1), ints(1), ints(2), 1), Tensor.randn(4, 2, 3, 3),
        Tensor.randn(4));
  }

  @Test
  void convolutionRefusesShapesThatDoNotFit() {
    Tensor x = Tensor.zeros(2, 3, 8, 8);

    IllegalArgumentException channels = assertThrows(IllegalArgumentException.class,
        () -> x.conv2d(Tensor.zeros(4, 2, 3, 3), null));
    IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
        () -> Tensor.zeros(8, 8).conv2d(Tensor.zeros(4, 3, 3, 3), null));
    IllegalArgumentException bias = assertThrows(IllegalArgumentException.class,
        () -> x.conv2d(Tensor.zeros(4, 3, 3, 3), Tensor.zeros(3)));
    IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
        () -> x.conv2d(Tensor.zeros(4, 3, 5, 5), null, ints(1), ints(0), ints(2), 1));
    IllegalArgumentException groups = assertThrows(IllegalArgumentException.class,
        () -> Tensor.zeros(1, 4, 5, 5).conv2d(Tensor.zeros(3, 2, 3, 3), null, ints(1), ints(0),
            ints(1), 2));

    assertThat(channels).hasMessageThat().isEqualTo("conv2d: input [2, 3, 8, 8] and weight"
        + " [4, 2, 3, 3]: the input has 3 channels, and the weight takes 2");
    assertThat(rank).hasMessageThat().isEqualTo("conv2d: input [8, 8] and weight [4, 3, 3, 3]:"
        + " conv2d takes an input of 3 or 4 dimensions, but it has 2");
    assertThat(bias).hasMessageThat().isEqualTo("conv2d: input [2, 3, 8, 8] and weight"
        + " [4, 3, 3, 3] and bias [3]: the bias [3] does not match the weight's 4 output channels");
    assertThat(small).hasMessageThat().isEqualTo("conv2d: input [2, 3, 8, 8] and weight"
        + " [4, 3, 5, 5]: the input's 8 positions padded by 0 on each side are fewer than the"
        + " kernel's 9 (dilated by 2)");
    assertThat(groups).hasMessageThat()
        .endsWith(": the weight's 3 output channels do not divide into 2 groups");
  }

  @Test
  void poolingAndPaddingRefuseWhatPytorchRefuses() {
    Tensor x = Tensor.zeros(1, 1, 4, 4);

    IllegalArgumentException padding = assertThrows(IllegalArgumentException.class,
        () -> x.maxPool2d(ints(2), ints(2), ints(2)));
    IllegalArgumentException entries = assertThrows(IllegalArgumentException.class,
        () -> x.avgPool2d(1, 2, 3));
    IllegalArgumentException reflect = assertThrows(IllegalArgumentException.class,
        () -> x.pad(ints(4, 0), PaddingMode.REFLECT));
    IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
        () -> x.pad(1, 2, 3));

    assertThat(padding).hasMessageThat()
        .isEqualTo("max_pool2d: input [1, 1, 4, 4] with kernel_size [2, 2], stride [2, 2],"
            + " padding [2, 2] and dilation [1, 1]: the padding 2 is more than half of the"
            + " kernel's 2 rows");
    assertThat(entries).hasMessageThat()
        .isEqualTo("avg_pool2d: kernel_size must have one or two entries, got [1, 2, 3]");
    assertThat(reflect).hasMessageThat().startsWith(
        "pad: reflect pads must be smaller than the dimension they pad (4), got pads [4, 0]");
    assertThat(odd).hasMessageThat().startsWith("pad: pads must hold (before, after) pairs");
  }

  @Test
  void maxPoolingSendsTheGradientToTheFirstMaximumAndPropagatesNaN() {
    Tensor x = Tensor.of(new float[] {1, 5, 5, 2, Float.NaN, 0, 3, 3}, 1, 2, 2, 2)
        .requiresGrad(true);

    Tensor y = x.maxPool2d(2);
    y.sum().backward();

    assertThat(y.toFloatArray()).usingExactEquality()
        .containsExactly(5f, Float.NaN).inOrder();
    assertThat(x.grad().toFloatArray()).usingExactEquality()
        .containsExactly(0f, 1f, 0f, 0f, 1f, 0f, 0f, 0f).inOrder();
  }

  /**
   * Windows inside the image and windows over the padding, with strides below, equal to and above
   * the kernel, dilation, and sizes that leave rows and columns unread, on values full of ties
   * (-0 beside 0 among them), infinities and NaNs of either sign and several payloads: each output
   * is bit for bit the input a naive scan with PyTorch's rule ({@code v > max || isnan(v)}, the
   * first maximum kept) picks, and the gradient lands where that scan found it.
   */
  @Test
  void maxPoolingMatchesANaiveScanAtTheBorderAndInside() {
    float[] palette = {Float.NEGATIVE_INFINITY, -2, -1, -0f, 0f, 1, 2, Float.POSITIVE_INFINITY,
        Float.NaN, Float.intBitsToFloat(0xFFC00001), Float.intBitsToFloat(0x7FC00002)};
    int[][] configurations = { // kernel h, w; stride h, w; padding h, w; dilation h, w; H, W
        {3, 3, 2, 2, 1, 1, 1, 1, 7, 9},
        {2, 3, 1, 2, 1, 1, 1, 1, 6, 7},
        {3, 3, 1, 1, 1, 1, 2, 2, 7, 8},
        {2, 2, 2, 2, 0, 0, 1, 1, 7, 9},
        {3, 2, 3, 1, 1, 0, 1, 1, 8, 6},
        {2, 2, 3, 3, 1, 1, 1, 1, 8, 8},
        {1, 1, 1, 1, 0, 0, 1, 1, 3, 3},
    };
    java.util.Random random = new java.util.Random(7);
    for (int[] c : configurations) {
      int[] kernel = {c[0], c[1]};
      int[] stride = {c[2], c[3]};
      int[] padding = {c[4], c[5]};
      int[] dilation = {c[6], c[7]};
      int height = c[8];
      int width = c[9];
      int outHeight = (height + 2 * padding[0] - dilation[0] * (kernel[0] - 1) - 1) / stride[0] + 1;
      int outWidth = (width + 2 * padding[1] - dilation[1] * (kernel[1] - 1) - 1) / stride[1] + 1;
      float[] values = new float[2 * 3 * height * width];
      for (int i = 0; i < values.length; i++) {
        // Mostly small integers, so that windows tie; the special values now and then.
        values[i] = random.nextInt(4) == 0 ? palette[random.nextInt(palette.length)]
            : random.nextInt(3);
      }
      Tensor x = Tensor.of(values, 2, 3, height, width).requiresGrad(true);
      float[] weights = new float[2 * 3 * outHeight * outWidth];
      for (int k = 0; k < weights.length; k++) {
        weights[k] = k + 1;
      }

      Tensor y = x.maxPool2d(kernel, stride, padding, dilation);
      y.backward(Tensor.of(weights, 2, 3, outHeight, outWidth));

      float[] out = y.toFloatArray();
      float[] expectedGrad = new float[values.length];
      String where = "kernel " + c[0] + "x" + c[1] + ", stride " + c[2] + "x" + c[3]
          + ", padding " + c[4] + "x" + c[5] + ", dilation " + c[6] + "x" + c[7];
      assertWithMessage("%s: output shape", where).that(y.shape())
          .isEqualTo(new int[] {2, 3, outHeight, outWidth});
      for (int p = 0; p < 6; p++) {
        for (int oh = 0; oh < outHeight; oh++) {
          for (int ow = 0; ow < outWidth; ow++) {
            int best = -1;
            for (int i = 0; i < kernel[0]; i++) {
              for (int j = 0; j < kernel[1]; j++) {
                int ih = oh * stride[0] - padding[0] + i * dilation[0];
                int iw = ow * stride[1] - padding[1] + j * dilation[1];
                if (ih < 0 || ih >= height || iw < 0 || iw >= width) {
                  continue;
                }
                int at = (p * height + ih) * width + iw;
                if (best < 0 || values[at] > values[best]
                    || (Float.isNaN(values[at]) && !Float.isNaN(values[best]))) {
                  best = at;
                }
              }
            }
            int k = (p * outHeight + oh) * outWidth + ow;
            assertWithMessage("%s: output (%s, %s) of plane %s: %s, expected %s", where, oh, ow, p,
                out[k], values[best])
                .that(Float.floatToRawIntBits(out[k]))
                .isEqualTo(Float.floatToRawIntBits(values[best]));
            expectedGrad[best] += weights[k];
          }
        }
      }
      assertWithMessage("%s: gradient", where).that(x.grad().toFloatArray()).usingExactEquality()
          .containsExactly(expectedGrad).inOrder();
    }
  }

  private static int[] ints(int... values) {
    return values;
  }

  private static void op(String name, Function<Tensor[], Tensor> op) {
    if (OPS.put(name, op) != null) {
      throw new IllegalStateException("two lines for " + name);
    }
  }
}
