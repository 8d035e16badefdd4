package dev.lamina.processor.validation;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
  @Test
  void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
    assertThat(Suggestions.editDistance("units", "units")).isEqualTo(0);
    assertThat(Suggestions.editDistance("unit", "units")).isEqualTo(1);
    assertThat(Suggestions.editDistance("unitz", "units")).isEqualTo(1);
    assertThat(Suggestions.editDistance("kitten", "sitting")).isEqualTo(3);
  }

  @Test
  void suggestsTheClosestNameOnlyWhenItIsClose() {
    assertThat(Suggestions.didYouMean("inUnit", List.of("units", "inUnits")))
        .isEqualTo("; did you mean \"inUnits\"?");
    assertThat(Suggestions.didYouMean("batch", List.of("units", "inUnits"))).isEmpty();
    assertThat(Suggestions.didYouMean("x", List.of())).isEmpty();
  }

  @Test
  void aNearMissIsOneEditFromAFieldAndLongEnoughToTell() {
    assertThat(Suggestions.nearMiss("inUnit", List.of("units", "inUnits"))).isEqualTo("inUnits");
    assertThat(Suggestions.nearMiss("inunits", List.of("inUnits"))).isEqualTo("inUnits");
    assertThat(Suggestions.nearMiss("hiddenSie", List.of("hiddenSize"))).isEqualTo("hiddenSize");
    assertThat(Suggestions.nearMiss("hidenSze", List.of("hiddenSize"))).isEqualTo("hiddenSize");
    assertThat(Suggestions.nearMiss("batch", List.of("units", "inUnits"))).isNull();
    assertThat(Suggestions.nearMiss("n", List.of("in"))).isNull();
    assertThat(Suggestions.nearMiss("unts", List.of("unit", "units"))).isEqualTo("units");
    assertThat(Suggestions.nearMiss("units", List.of("units"))).isNull();
    assertThat(Suggestions.nearMiss("inUn", List.of("inUnits"))).isNull();
  }
}
