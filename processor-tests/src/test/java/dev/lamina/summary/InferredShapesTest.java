package dev.lamina.summary;

import static com.google.common.truth.Truth.assertThat;

import dev.lamina.Sequential;
import dev.lamina.Tensor;
import dev.lamina.chapter.MyLinear;
import org.junit.jupiter.api.Test;

/**
 * The output shapes the compiler inferred from the bodies of layers that declare none, as
 * {@code summary()} shows them before and after data has flowed.
 */
class InferredShapesTest {
  @Test
  void summaryShowsTheInferredShapeWithHyperparametersBound() {
    SequenceProjection layer = SequenceProjection.create(4, 3);
    String rule = "=".repeat(89) + "\n";
    assertThat(layer.summary()).isEqualTo(""
        + "Layer (path)  Type                                    Output shape"
        + "                Param #\n"
        + rule
        + "(root)        SequenceProjection(inUnits=4, units=3)  [seq, batch, 3] (inferred)  12\n"
        + rule
        + "Total params: 12\n"
        + "Trainable params: 12\n"
        + "Non-trainable params: 0\n");
  }

  @Test
  void afterADryRunTheConcreteShapeStandsBesideTheInferredOne() {
    SequenceProjection layer = SequenceProjection.create(4, 3);
    String summary = layer.summary(2, 5, 4);
    assertThat(summary).contains("[5, 2, 3] (inferred [seq, batch, 3])");
  }

  @Test
  void aContainerShowsItsLastLayersInferredShape() {
    Sequential net = new Sequential(MyLinear.create(5, 4), MyLinear.create(4, 2));
    String before = net.summary();
    assertThat(before)
        .contains("0             MyLinear(inUnits=5, units=4)  [batch, 4] (inferred)");
    assertThat(before)
        .contains("1             MyLinear(inUnits=4, units=2)  [batch, 2] (inferred)");
    net.forward(Tensor.zeros(3, 5));
    assertThat(net.summary()).contains("[3, 2] (inferred [batch, 2])");
  }

  @Test
  void nothingIsInferredWhenTheReturnsDiffer() {
    UnprovenOutput layer = UnprovenOutput.create(3);
    assertThat(layer.summary()).doesNotContain("inferred");
    layer.forward(Tensor.zeros(2, 3));
    assertThat(layer.summary()).contains("[2, 3]  ");
    assertThat(layer.summary()).doesNotContain("inferred");
  }
}
