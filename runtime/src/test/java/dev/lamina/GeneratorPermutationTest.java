package dev.lamina;

import static com.google.common.truth.Truth.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GeneratorPermutationTest {
  @Test
  void holdsEveryIndexOnce() {
    int[] order = new Generator(7).permutation(1000);
    int[] sorted = order.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      assertThat(sorted[i]).isEqualTo(i);
    }
    assertThat(order).isNotEqualTo(sorted);
  }

  @Test
  void dependsOnlyOnTheSeed() {
    assertThat(new Generator(3).permutation(50)).isEqualTo(new Generator(3).permutation(50));
    assertThat(new Generator(3).permutation(50)).isNotEqualTo(new Generator(4).permutation(50));
  }

  @Test
  void ofNothingAndOfOne() {
    assertThat(new Generator(1).permutation(0)).isEmpty();
    assertThat(new Generator(1).permutation(1)).asList().containsExactly(0);
  }
}
