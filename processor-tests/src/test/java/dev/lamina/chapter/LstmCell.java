package dev.lamina.chapter;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;
import dev.lamina.annotations.Shape;

/**
 * One step of an LSTM, as {@code nn.LSTMCell} without biases: forward returns the new hidden and
 * cell states as a record, each checked against its own {@code @Shape}.
 */
@Layer
public abstract class LstmCell extends Module {
  final int hidden;
  @Param(shape = {"4*hidden", "in"}) Tensor weightIh;
  @Param(shape = {"4*hidden", "hidden"}) Tensor weightHh;

  /** The states after one step. */
  public record State(@Shape({"batch", "hidden"}) Tensor h, @Shape({"batch", "hidden"}) Tensor c) {}

  LstmCell(int hidden) {
    this.hidden = hidden;
  }

  public static LstmCell create(int hidden) {
    return new Lamina_LstmCell(hidden);
  }

  public State forward(@Shape({"batch", "in"}) Tensor x, @Shape({"batch", "hidden"}) Tensor h,
      @Shape({"batch", "hidden"}) Tensor c) {
    Tensor gates = x.matmul(weightIh.t()).add(h.matmul(weightHh.t()));
    Tensor input = gates.slice(1, 0, hidden).sigmoid();
    Tensor forget = gates.slice(1, hidden, 2 * hidden).sigmoid();
    Tensor cell = gates.slice(1, 2 * hidden, 3 * hidden).tanh();
    Tensor output = gates.slice(1, 3 * hidden, 4 * hidden).sigmoid();
    Tensor nextC = forget.mul(c).add(input.mul(cell));
    return new State(output.mul(nextC.tanh()), nextC);
  }
}
