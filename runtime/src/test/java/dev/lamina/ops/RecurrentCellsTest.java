package dev.lamina.ops;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.Generator;
import dev.lamina.Tensor;
import dev.lamina.testing.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * The fused LSTM and GRU steps: their values against the same step written with separate ops, and
 * their gradients in every input by finite differences, on strided views as the layers pass them.
 */
class RecurrentCellsTest {
  private static final int BATCH = 3;
  private static final int HIDDEN = 4;

  @Test
  void lstmCellIsTheStepWrittenWithSeparateOps() {
    Generator.manualSeed(5);
    Tensor sequence = Tensor.randn(BATCH, 2, 4 * HIDDEN);
    Tensor fromInput = sequence.select(1, 1); // strided, as LSTM passes it
    Tensor fromState = Tensor.randn(BATCH, 4 * HIDDEN);
    Tensor cell = Tensor.randn(BATCH, HIDDEN);
    Tensor next = Tensor.lstmCell(fromInput, fromState, cell);
    assertThat(next.shape()).isEqualTo(new int[] {2, BATCH, HIDDEN});

    Tensor gates = fromInput.add(fromState);
    Tensor i = gates.slice(1, 0, HIDDEN).sigmoid();
    Tensor f = gates.slice(1, HIDDEN, 2 * HIDDEN).sigmoid();
    Tensor g = gates.slice(1, 2 * HIDDEN, 3 * HIDDEN).tanh();
    Tensor o = gates.slice(1, 3 * HIDDEN, 4 * HIDDEN).sigmoid();
    Tensor c = f.mul(cell).add(i.mul(g));
    Tensor h = o.mul(c.tanh());
    assertClose(next.select(0, 0), h);
    assertClose(next.select(0, 1), c);
  }

  @Test
  void lstmCellGradientsMatchFiniteDifferences() {
    Generator.manualSeed(6);
    Tensor sequence = Tensor.randn(BATCH, 2, 4 * HIDDEN);
    GradCheck.check("lstm cell", in -> Tensor.lstmCell(in[0].select(1, 0), in[1], in[2]),
        sequence, Tensor.randn(BATCH, 4 * HIDDEN), Tensor.randn(BATCH, HIDDEN));
    // The hidden state alone, as the last step's output reaches a classifier: dc' is zero.
    GradCheck.check("lstm cell, h only",
        in -> Tensor.lstmCell(in[0], in[1], in[2]).select(0, 0),
        Tensor.randn(BATCH, 4 * HIDDEN), Tensor.randn(BATCH, 4 * HIDDEN),
        Tensor.randn(BATCH, HIDDEN));
  }

  @Test
  void gruCellIsTheStepWrittenWithSeparateOps() {
    Generator.manualSeed(7);
    Tensor sequence = Tensor.randn(BATCH, 2, 3 * HIDDEN);
    Tensor fromInput = sequence.select(1, 0);
    Tensor fromState = Tensor.randn(BATCH, 3 * HIDDEN);
    Tensor state = Tensor.randn(BATCH, HIDDEN);
    Tensor next = Tensor.gruCell(fromInput, fromState, state);

    Tensor r = gate(fromInput, 0).add(gate(fromState, 0)).sigmoid();
    Tensor z = gate(fromInput, 1).add(gate(fromState, 1)).sigmoid();
    Tensor n = gate(fromInput, 2).add(r.mul(gate(fromState, 2))).tanh();
    assertClose(next, z.neg().add(1f).mul(n).add(z.mul(state)));
  }

  @Test
  void gruCellGradientsMatchFiniteDifferences() {
    Generator.manualSeed(8);
    Tensor sequence = Tensor.randn(BATCH, 2, 3 * HIDDEN);
    GradCheck.check("gru cell", in -> Tensor.gruCell(in[0].select(1, 1), in[1], in[2]),
        sequence, Tensor.randn(BATCH, 3 * HIDDEN), Tensor.randn(BATCH, HIDDEN));
  }

  @Test
  void shapesThatDoNotFitAreNamed() {
    IllegalArgumentException lstm = assertThrows(IllegalArgumentException.class,
        () -> Tensor.lstmCell(Tensor.zeros(2, 12), Tensor.zeros(2, 12), Tensor.zeros(2, 4)));
    assertThat(lstm).hasMessageThat().isEqualTo(
        "lstm cell: expected gates [B, 4H], [B, 4H] and a cell [B, H], got [2, 12], [2, 12] and"
            + " [2, 4]");
    IllegalArgumentException gru = assertThrows(IllegalArgumentException.class,
        () -> Tensor.gruCell(Tensor.zeros(2, 12), Tensor.zeros(3, 12), Tensor.zeros(2, 4)));
    assertThat(gru).hasMessageThat().contains("got [2, 12], [3, 12] and [2, 4]");
  }

  private static Tensor gate(Tensor stacked, int index) {
    return stacked.slice(1, index * HIDDEN, (index + 1) * HIDDEN);
  }

  private static void assertClose(Tensor actual, Tensor expected) {
    assertThat(actual.shape()).isEqualTo(expected.shape());
    assertThat(actual.toFloatArray()).usingTolerance(1e-6).containsExactly(expected.toFloatArray())
        .inOrder();
  }
}
