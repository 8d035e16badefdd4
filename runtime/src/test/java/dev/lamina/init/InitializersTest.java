package dev.lamina.init;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.lamina.Generator;
import dev.lamina.Tensor;
import dev.lamina.annotations.Init;
import dev.lamina.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Each {@link Init} draws from the distribution {@code torch.nn.init} defines, for fans computed as
 * PyTorch computes them.
 *
 * <p>The statistical checks draw {@value #SAMPLES} values at a fixed seed, so they are
 * deterministic; their tolerances are several standard errors wide (the mean of n draws of standard
 * deviation s has standard error {@code s / sqrt(n)}, about 0.0022 s here; a sample standard
 * deviation about 0.0016 s), yet far tighter than the gap between the right formula and a plausible
 * wrong one (fan-in and fan-out swapped changes the scale by sqrt(450/3600) here; a uniform bound
 * taken for a standard deviation changes it by sqrt(3)).
 */
class InitializersTest {
  private static final int SAMPLES = 200_000;
  /** Fans of the shape below, as PyTorch computes them: in = 50 * 3 * 3, out = 400 * 3 * 3. */
  private static final int[] WEIGHT = {400, 50, 3, 3};
  private static final int FAN_IN = 450;
  private static final int FAN_OUT = 3600;

  @Test
  void fansMatchTorch() {
    for (JsonElement element : Fixtures.load("init.json").getAsJsonArray("fans")) {
      JsonObject fan = element.getAsJsonObject();
      int[] shape = Fixtures.ints(fan.getAsJsonArray("shape"));
      if (fan.has("error")) {
        // PyTorch refuses fewer than 2 dimensions; Lamina documents (Init) that a 1-d shape has
        // fan-in and fan-out equal to its size, the fallback for a bias of unknown fan.
        assertThat(shape.length).isLessThan(2);
        assertThat(Initializers.fanIn(shape)).isEqualTo(shape[0]);
        assertThat(Initializers.fanOut(shape)).isEqualTo(shape[0]);
      } else {
        assertWithMessage("fan-in of %s", fan.get("shape"))
            .that(Initializers.fanIn(shape)).isEqualTo(fan.get("fanIn").getAsInt());
        assertWithMessage("fan-out of %s", fan.get("shape"))
            .that(Initializers.fanOut(shape)).isEqualTo(fan.get("fanOut").getAsInt());
      }
    }
    assertThat(Initializers.fanIn(WEIGHT)).isEqualTo(FAN_IN);
    assertThat(Initializers.fanOut(WEIGHT)).isEqualTo(FAN_OUT);
  }

  @Test
  void constants() {
    assertThat(draw(Init.ZEROS, 10)).usingExactEquality().containsExactly(new float[10]);
    assertThat(draw(Init.ONES, 3)).usingExactEquality().containsExactly(1f, 1f, 1f);
  }

  @Test
  void normalIsStandardNormal() {
    assertNormal(Init.NORMAL, 1.0);
  }

  @Test
  void uniformIsOnZeroToOne() {
    float[] values = draw(Init.UNIFORM, SAMPLES);
    assertUniform(values, 0, 1);
  }

  @Test
  void xavierUniformBoundIsSqrtOfSixOverFanSum() {
    double bound = Math.sqrt(6.0 / (FAN_IN + FAN_OUT));
    assertUniform(draw(Init.XAVIER_UNIFORM, WEIGHT), -bound, bound);
  }

  @Test
  void xavierNormalStdIsSqrtOfTwoOverFanSum() {
    assertNormal(Init.XAVIER_NORMAL, Math.sqrt(2.0 / (FAN_IN + FAN_OUT)));
  }

  @Test
  void kaimingUniformBoundIsOneOverSqrtFanIn() {
    // kaiming_uniform_(a=sqrt(5)): gain sqrt(2 / (1 + 5)), bound sqrt(3) * gain / sqrt(fanIn).
    double bound = Math.sqrt(3) * Math.sqrt(2.0 / 6) / Math.sqrt(FAN_IN);
    assertUniform(draw(Init.KAIMING_UNIFORM, WEIGHT), -bound, bound);
  }

  @Test
  void kaimingNormalStdIsSqrtOfTwoOverFanIn() {
    assertNormal(Init.KAIMING_NORMAL, Math.sqrt(2.0 / FAN_IN));
  }

  @Test
  void sameSeedSameValues() {
    Tensor a = Tensor.zeros(5, 4);
    Tensor b = Tensor.zeros(5, 4);
    Initializers.fill(a, Init.KAIMING_UNIFORM, new Generator(3));
    Initializers.fill(b, Init.KAIMING_UNIFORM, new Generator(3));
    assertThat(a.toFloatArray()).isEqualTo(b.toFloatArray());
  }

  @Test
  void parameterSeedsDependOnIdentityNotOnOrder() {
    Generator.manualSeed(11);
    float first = Initializers.generatorFor("Layer", "weight").nextUniform();
    Initializers.generatorFor("Other", "bias").nextUniform();
    float second = Initializers.generatorFor("Layer", "weight").nextUniform();
    Generator.manualSeed(11);
    assertThat(Initializers.generatorFor("Layer", "weight").nextUniform()).isEqualTo(first);
    assertThat(Initializers.generatorFor("Layer", "weight").nextUniform()).isEqualTo(second);
    assertThat(second).isNotEqualTo(first);
  }

  private static float[] draw(Init init, int... shape) {
    Tensor t = Tensor.zeros(shape);
    Initializers.fill(t, init, new Generator(2024));
    return t.toFloatArray();
  }

  /** Every value in [low, high]; the extremes near the bounds; mean and variance of U[low, high]. */
  private static void assertUniform(float[] values, double low, double high) {
    double width = high - low;
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (float v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    assertThat(min).isAtLeast(low);
    assertThat(max).isAtMost(high);
    assertThat(min).isLessThan(low + 1e-3 * width);
    assertThat(max).isGreaterThan(high - 1e-3 * width);
    double std = width / Math.sqrt(12);
    assertThat(mean(values)).isWithin(6 * std / Math.sqrt(values.length)).of((low + high) / 2);
    assertThat(std(values)).isWithin(0.01 * std).of(std);
  }

  /** Mean 0, the given standard deviation, and 68.3% of values within one of it (not uniform). */
  private static void assertNormal(Init init, double std) {
    float[] values = init == Init.NORMAL ? draw(init, SAMPLES) : draw(init, WEIGHT);
    assertThat(mean(values)).isWithin(6 * std / Math.sqrt(values.length)).of(0.0);
    assertThat(std(values)).isWithin(0.01 * std).of(std);
    int within = 0;
    for (float v : values) {
      within += Math.abs(v) <= std ? 1 : 0;
    }
    assertThat((double) within / values.length).isWithin(0.01).of(0.6827);
  }

  private static double mean(float[] values) {
    double total = 0;
    for (float v : values) {
      total += v;
    }
    return total / values.length;
  }

  private static double std(float[] values) {
    double mean = mean(values);
    double total = 0;
    for (float v : values) {
      total += (v - mean) * (v - mean);
    }
    return Math.sqrt(total / (values.length - 1));
  }
}
