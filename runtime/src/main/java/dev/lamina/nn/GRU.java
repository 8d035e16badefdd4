package dev.lamina.nn;

import dev.lamina.Module;
import dev.lamina.NoGrad;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;
import dev.lamina.annotations.Shape;
import dev.lamina.shape.ShapeBindings;
import java.util.ArrayList;
import java.util.List;

/**
 * A stack of gated recurrent units over a batch-first sequence, as PyTorch's
 * {@code nn.GRU(input_size, hidden_size, num_layers, bias, batch_first=True)}: unidirectional, no
 * dropout between layers. For each layer {@code k} and time step, with {@code x} the step's input
 * (the sequence itself for layer 0, the previous layer's output above) and {@code h} the state:
 *
 * <pre>
 * r  = sigmoid(W_ir x + b_ir + W_hr h + b_hr)
 * z  = sigmoid(W_iz x + b_iz + W_hz h + b_hz)
 * n  = tanh(W_in x + b_in + r * (W_hn h + b_hn))
 * h' = (1 - z) * n + z * h
 * </pre>
 *
 * <p>The state dict is PyTorch's, key for key: {@code weight_ih_l{k} [3*hidden, in]} ({@code in}
 * is the input size for layer 0, the hidden size above), {@code weight_hh_l{k} [3*hidden, hidden]},
 * {@code bias_ih_l{k}} and {@code bias_hh_l{k} [3*hidden]}, the gates stacked r, z, n; so either
 * side loads the other's file strictly. Every parameter starts from
 * {@code U(-1/sqrt(hidden), 1/sqrt(hidden))}, as PyTorch's {@code reset_parameters}.
 *
 * <pre>{@code
 * GRU gru = GRU.create(5, 4, 2);
 * gru.toString();                              // GRU(5, 4, num_layers=2, batch_first=True)
 * Tensor out = gru.forward(x);                 // x [batch, seq, 5] -> [batch, seq, 4]
 * GRU.State s = gru.forward(x, h0);            // h0 [2, batch, 4] or null; s.h() [2, batch, 4]
 * }</pre>
 *
 * <p><b>Why one field per layer, up to {@link #MAX_LAYERS}.</b> PyTorch names a layer's
 * parameters by a suffix ({@code weight_ih_l1}), not by a child ({@code layers.1.weight_ih}, which
 * a list of cells would give). A {@code @Param} field is saved under its name in snake_case
 * ({@code weightIhL1} is {@code weight_ih_l1}), so the class declares the fields of
 * {@value #MAX_LAYERS} layers, each deeper layer's present only when {@code numLayers} reaches it
 * ({@code presentIf}): a GRU of any supported depth has exactly PyTorch's keys and nothing else.
 * Deeper stacks are refused at construction; they are rare, and adding a layer is four fields.
 *
 * <p><b>Two forwards.</b> {@code forward(x)} is the layer's forward, whose shapes the generated
 * class checks, and which returns the output sequence as every module does, so that a GRU sits in a
 * {@code Sequential}. {@link #forward(Tensor, Tensor)} also takes the initial state and returns
 * the final one with the output; it checks {@code x} with the same generated check and {@code h0}
 * against {@code [numLayers, batch, hidden]}.
 */
@Layer
public abstract class GRU extends Module {
  /** The deepest stack this class declares parameters for. */
  public static final int MAX_LAYERS = 4;

  final int inputSize;
  final int hiddenSize;
  final int numLayers;
  final boolean useBias;

  // Which of the declared layers this configuration has (presentIf needs a boolean field each).
  final boolean hasLayer1;
  final boolean hasLayer2;
  final boolean hasLayer3;
  final boolean hasBiasL1;
  final boolean hasBiasL2;
  final boolean hasBiasL3;

  @Param(shape = {"3*hiddenSize", "inputSize"})
  Tensor weightIhL0;

  @Param(shape = {"3*hiddenSize", "hiddenSize"})
  Tensor weightHhL0;

  @Param(shape = {"3*hiddenSize"}, presentIf = "useBias")
  Tensor biasIhL0;

  @Param(shape = {"3*hiddenSize"}, presentIf = "useBias")
  Tensor biasHhL0;

  @Param(shape = {"3*hiddenSize", "hiddenSize"}, presentIf = "hasLayer1")
  Tensor weightIhL1;

  @Param(shape = {"3*hiddenSize", "hiddenSize"}, presentIf = "hasLayer1")
  Tensor weightHhL1;

  @Param(shape = {"3*hiddenSize"}, presentIf = "hasBiasL1")
  Tensor biasIhL1;

  @Param(shape = {"3*hiddenSize"}, presentIf = "hasBiasL1")
  Tensor biasHhL1;

  @Param(shape = {"3*hiddenSize", "hiddenSize"}, presentIf = "hasLayer2")
  Tensor weightIhL2;

  @Param(shape = {"3*hiddenSize", "hiddenSize"}, presentIf = "hasLayer2")
  Tensor weightHhL2;

  @Param(shape = {"3*hiddenSize"}, presentIf = "hasBiasL2")
  Tensor biasIhL2;

  @Param(shape = {"3*hiddenSize"}, presentIf = "hasBiasL2")
  Tensor biasHhL2;

  @Param(shape = {"3*hiddenSize", "hiddenSize"}, presentIf = "hasLayer3")
  Tensor weightIhL3;

  @Param(shape = {"3*hiddenSize", "hiddenSize"}, presentIf = "hasLayer3")
  Tensor weightHhL3;

  @Param(shape = {"3*hiddenSize"}, presentIf = "hasBiasL3")
  Tensor biasIhL3;

  @Param(shape = {"3*hiddenSize"}, presentIf = "hasBiasL3")
  Tensor biasHhL3;

  GRU(int inputSize, int hiddenSize, int numLayers, boolean useBias) {
    RecurrentLayers.checkDepth("GRU", numLayers, MAX_LAYERS);
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    this.numLayers = numLayers;
    this.useBias = useBias;
    this.hasLayer1 = numLayers > 1;
    this.hasLayer2 = numLayers > 2;
    this.hasLayer3 = numLayers > 3;
    this.hasBiasL1 = useBias && hasLayer1;
    this.hasBiasL2 = useBias && hasLayer2;
    this.hasBiasL3 = useBias && hasLayer3;
  }

  /** PyTorch's {@code nn.GRU(inputSize, hiddenSize, batch_first=True)}: one layer, with biases. */
  public static GRU create(int inputSize, int hiddenSize) {
    return create(inputSize, hiddenSize, 1, true);
  }

  /** PyTorch's {@code nn.GRU(inputSize, hiddenSize, numLayers, batch_first=True)}, with biases. */
  public static GRU create(int inputSize, int hiddenSize, int numLayers) {
    return create(inputSize, hiddenSize, numLayers, true);
  }

  /**
   * PyTorch's {@code nn.GRU(inputSize, hiddenSize, numLayers, bias, batch_first=True)}.
   *
   * @throws IllegalArgumentException when {@code numLayers} is not within [1, {@value #MAX_LAYERS}]
   */
  public static GRU create(int inputSize, int hiddenSize, int numLayers, boolean bias) {
    return new Lamina_GRU(inputSize, hiddenSize, numLayers, bias);
  }

  /**
   * What {@link #forward(Tensor, Tensor)} returns: the last layer's state at every step
   * {@code [batch, seq, hidden]}, and every layer's state after the last step
   * {@code [numLayers, batch, hidden]}, PyTorch's {@code (output, h_n)}.
   */
  public record State(Tensor output, Tensor h) {}

  /** Layer {@code layer}'s input-to-hidden weight, {@code [3*hidden, in]}, gates r, z, n. */
  public Tensor weightIh(int layer) {
    return pick(layer, weightIhL0, weightIhL1, weightIhL2, weightIhL3);
  }

  /** Layer {@code layer}'s hidden-to-hidden weight, {@code [3*hidden, hidden]}. */
  public Tensor weightHh(int layer) {
    return pick(layer, weightHhL0, weightHhL1, weightHhL2, weightHhL3);
  }

  /** Layer {@code layer}'s input-to-hidden bias, {@code [3*hidden]}, or null without biases. */
  public Tensor biasIh(int layer) {
    return pick(layer, biasIhL0, biasIhL1, biasIhL2, biasIhL3);
  }

  /** Layer {@code layer}'s hidden-to-hidden bias, {@code [3*hidden]}, or null without biases. */
  public Tensor biasHh(int layer) {
    return pick(layer, biasHhL0, biasHhL1, biasHhL2, biasHhL3);
  }

  private Tensor pick(int layer, Tensor... perLayer) {
    RecurrentLayers.checkLayerIndex("GRU", layer, numLayers);
    return perLayer[layer];
  }

  @Override
  @SuppressWarnings("try") // the no-grad scope is used for its effect, not referenced
  protected void resetParameters() {
    try (NoGrad off = NoGrad.enter()) {
      RecurrentLayers.resetUniform(this, hiddenSize);
    }
  }

  /** The output sequence for {@code x}, from a zero initial state. */
  @Override
  @Shape({"batch", "seq", "hiddenSize"})
  public Tensor forward(@Shape({"batch", "seq", "inputSize"}) Tensor x) {
    return run(x, null).output();
  }

  /**
   * The output sequence and the final state for {@code x [batch, seq, inputSize]} from
   * {@code h0 [numLayers, batch, hidden]}, or from zeros when {@code h0} is null, as PyTorch's
   * {@code gru(x, h0)}.
   *
   * <p>Checked and reported as {@code forward(x)} is: the same generated checks of {@code x} and
   * of the output, the states against {@code [numLayers, batch, hiddenSize]}, and whatever fails
   * thrown as a {@link dev.lamina.LayerForwardException} naming this layer.
   */
  public State forward(Tensor x, Tensor h0) {
    try {
      ShapeBindings shapes = checkInput(x);
      RecurrentLayers.checkState(shapes, "h0", h0, numLayers, hiddenSize);
      State state = run(x, h0);
      checkOutput(shapes, state.output());
      observeOutputShape(state.output());
      return state;
    } catch (RuntimeException thrown) {
      throw forwardFailed(thrown);
    }
  }

  /** The stack over {@code x} from {@code h0} (null for zeros), both already checked. */
  private State run(Tensor x, Tensor h0) {
    RecurrentLayers.checkSequenceLength("GRU", x);
    int batch = x.size(0);
    Tensor input = x;
    List<Tensor> finals = new ArrayList<>(numLayers);
    for (int layer = 0; layer < numLayers; layer++) {
      Tensor h = h0 != null ? h0.select(0, layer) : Tensor.zeros(batch, hiddenSize);
      // The input's share of every gate at every step in one product: [batch, seq, 3*hidden].
      Tensor fromInput = input.linear(weightIh(layer), biasIh(layer));
      Tensor[] steps = new Tensor[x.size(1)];
      for (int t = 0; t < steps.length; t++) {
        h = step(fromInput.select(1, t), h, layer);
        steps[t] = h;
      }
      input = Tensor.stack(1, steps);
      finals.add(h);
    }
    return new State(input, Tensor.stack(0, finals.toArray(new Tensor[0])));
  }

  /** One step of layer {@code layer}: the new state from the input's gates and the state. */
  private Tensor step(Tensor fromInput, Tensor h, int layer) {
    return Tensor.gruCell(fromInput, h.linear(weightHh(layer), biasHh(layer)), h);
  }

  @Override
  public String extraRepr() {
    return RecurrentLayers.repr(inputSize, hiddenSize, numLayers, useBias);
  }
}
