package dev.lamina.examples.layers;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;
import dev.lamina.annotations.Shape;

/**
 * One step of a gated recurrent unit, as PyTorch's {@code nn.GRUCell(input_size, hidden_size)}: the
 * same state-dict names and layouts ({@code weight_ih [3*hidden, input]}, {@code weight_hh [3*hidden,
 * hidden]}, {@code bias_ih}, {@code bias_hh}, the gates stacked r, z, n), so that either side loads
 * the other's file strictly (a field's state-dict name is its name in snake_case: {@code weightIh}
 * is {@code weight_ih}). With {@code x} the input and {@code h} the state:
 *
 * <pre>
 * r  = sigmoid(W_ir x + b_ir + W_hr h + b_hr)
 * z  = sigmoid(W_iz x + b_iz + W_hz h + b_hz)
 * n  = tanh(W_in x + b_in + r * (W_hn h + b_hn))
 * h' = (1 - z) * n + z * h
 * </pre>
 *
 * <p>{@code h} may be null, as {@code h=None}: it is then zeros. Initialization is
 * {@code KAIMING_UNIFORM}, {@code U(-1/sqrt(fan-in), 1/sqrt(fan-in))}; PyTorch draws every
 * parameter from {@code U(-1/sqrt(hidden), 1/sqrt(hidden))}, so the two differ where the fan-in is
 * the input size.
 *
 * <pre>{@code
 * GruCell cell = GruCell.create(5, 4);
 * Tensor h = cell.forward(x, null);   // x [batch, 5] -> h [batch, 4]
 * h = cell.forward(x2, h);
 * }</pre>
 */
@Layer
public abstract class GruCell extends Module {
  final int inputSize;
  final int hiddenSize;

  @Param(shape = {"3*hiddenSize", "inputSize"})
  Tensor weightIh;

  @Param(shape = {"3*hiddenSize", "hiddenSize"})
  Tensor weightHh;

  @Param(shape = {"3*hiddenSize"})
  Tensor biasIh;

  @Param(shape = {"3*hiddenSize"})
  Tensor biasHh;

  GruCell(int inputSize, int hiddenSize) {
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
  }

  /** A cell from {@code inputSize} features to a state of {@code hiddenSize}, PyTorch's order. */
  public static GruCell create(int inputSize, int hiddenSize) {
    return new Lamina_GruCell(inputSize, hiddenSize);
  }

  @Shape({"batch", "hiddenSize"})
  public Tensor forward(@Shape({"batch", "inputSize"}) Tensor x,
      @Shape(value = {"batch", "hiddenSize"}, optional = true) Tensor h) {
    Tensor state = h != null ? h : Tensor.zeros(x.size(0), hiddenSize);
    Tensor fromInput = x.linear(weightIh, biasIh);
    Tensor fromState = state.linear(weightHh, biasHh);
    Tensor r = gate(fromInput, 0).add(gate(fromState, 0)).sigmoid();
    Tensor z = gate(fromInput, 1).add(gate(fromState, 1)).sigmoid();
    Tensor n = gate(fromInput, 2).add(r.mul(gate(fromState, 2))).tanh();
    return z.neg().add(1f).mul(n).add(z.mul(state));
  }

  /** Gate {@code index} (0 r, 1 z, 2 n) of a {@code [batch, 3*hidden]} product. */
  private Tensor gate(Tensor stacked, int index) {
    return stacked.slice(1, index * hiddenSize, (index + 1) * hiddenSize);
  }
}
