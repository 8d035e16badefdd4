package dev.lamina;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The output-shape column of {@link Module#summary()}: seen, declared and inferred shapes. */
class ModuleSummaryTest {
  /** A layer as generated code makes it: shapes given by the hooks, outputs observed. */
  private static final class Shaped extends Module {
    private final List<String> declared;
    private final List<String> inferred;

    Shaped(List<String> declared, List<String> inferred) {
      this.declared = declared;
      this.inferred = inferred;
    }

    @Override
    public Tensor forward(Tensor x) {
      Tensor output = x.relu();
      observeOutputShape(output);
      return output;
    }

    @Override
    protected List<String> declaredOutputShape() {
      return declared;
    }

    @Override
    protected List<String> inferredOutputShape() {
      return inferred;
    }
  }

  @Test
  void anInferredShapeIsMarkedAsInferred() {
    Shaped layer = new Shaped(null, List.of("batch", "8"));
    assertThat(ModuleSummary.outputShape(layer)).isEqualTo("[batch, 8] (inferred)");
  }

  @Test
  void afterACallTheSeenShapeComesFirstAndTheInferredOneBesideIt() {
    Shaped layer = new Shaped(null, List.of("batch", "8"));
    layer.forward(Tensor.zeros(4, 8));
    assertThat(ModuleSummary.outputShape(layer)).isEqualTo("[4, 8] (inferred [batch, 8])");
    assertThat(layer.summary()).contains("[4, 8] (inferred [batch, 8])");
  }

  @Test
  void aDeclaredShapeIsShownAloneEvenWhenOneIsInferred() {
    Shaped layer = new Shaped(List.of("batch", "8"), List.of("batch", "8"));
    assertThat(ModuleSummary.outputShape(layer)).isEqualTo("[batch, 8]");
    layer.forward(Tensor.zeros(4, 8));
    assertThat(ModuleSummary.outputShape(layer)).isEqualTo("[4, 8]");
  }

  @Test
  void withoutAnyShapeItIsUnknown() {
    assertThat(ModuleSummary.outputShape(new Shaped(null, null))).isEqualTo("?");
  }
}
