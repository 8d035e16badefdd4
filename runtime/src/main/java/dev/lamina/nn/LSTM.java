package dev.lamina.nn;

import dev.lamina.Module;
import dev.lamina.NoGrad;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;
import dev.lamina.annotations.Shape;
import dev.lamina.shape.ShapeBindings;

/**
 * A stack of long short-term memory cells over a batch-first sequence, as PyTorch's
 * {@code nn.LSTM(input_size, hidden_size, num_layers, bias, batch_first=True)}: unidirectional, no
 * dropout between layers, no projection. For each layer and time step, with {@code x} the step's
 * input (the sequence for layer 0, the previous layer's output above), {@code h} the state and
 * {@code c} the cell:
 *
 * <pre>
 * i  = sigmoid(W_ii x + b_ii + W_hi h + b_hi)
 * f  = sigmoid(W_if x + b_if + W_hf h + b_hf)
 * g  = tanh(W_ig x + b_ig + W_hg h + b_hg)
 * o  = sigmoid(W_io x + b_io + W_ho h + b_ho)
 * c' = f * c + i * g
 * h' = o * tanh(c')
 * </pre>
 *
 * <p>The state dict is PyTorch's, key for key: {@code weight_ih_l{k} [4*hidden, in]} ({@code in}
 * is the input size for layer 0, the hidden size above), {@code weight_hh_l{k} [4*hidden, hidden]},
 * {@code bias_ih_l{k}} and {@code bias_hh_l{k} [4*hidden]}, the gates stacked i, f, g, o. Every
 * parameter starts from {@code U(-1/sqrt(hidden), 1/sqrt(hidden))}, as PyTorch's
 * {@code reset_parameters}.
 *
 * <pre>{@code
 * LSTM lstm = LSTM.create(5, 4, 2);
 * lstm.toString();                          // LSTM(5, 4, num_layers=2, batch_first=True)
 * Tensor out = lstm.forward(x);             // x [batch, seq, 5] -> [batch, seq, 4]
 * LSTM.State s = lstm.forward(x, h0, c0);   // h0, c0 [2, batch, 4] or null; s.h(), s.c() [2, batch, 4]
 * }</pre>
 *
 * <p>Why the parameters of each layer are fields of their own, up to {@link #MAX_LAYERS}, and why
 * there are two forwards: see {@link GRU}, which is declared the same way.
 */
@Layer
public abstract class LSTM extends Module {
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

  @Param(shape = {"4*hiddenSize", "inputSize"})
  Tensor weightIhL0;

  @Param(shape = {"4*hiddenSize", "hiddenSize"})
  Tensor weightHhL0;

  @Param(shape = {"4*hiddenSize"}, presentIf = "useBias")
  Tensor biasIhL0;

  @Param(shape = {"4*hiddenSize"}, presentIf = "useBias")
  Tensor biasHhL0;

  @Param(shape = {"4*hiddenSize", "hiddenSize"}, presentIf = "hasLayer1")
  Tensor weightIhL1;

  @Param(shape = {"4*hiddenSize", "hiddenSize"}, presentIf = "hasLayer1")
  Tensor weightHhL1;

  @Param(shape = {"4*hiddenSize"}, presentIf = "hasBiasL1")
  Tensor biasIhL1;

  @Param(shape = {"4*hiddenSize"}, presentIf = "hasBiasL1")
  Tensor biasHhL1;

  @Param(shape = {"4*hiddenSize", "hiddenSize"}, presentIf = "hasLayer2")
  Tensor weightIhL2;

  @Param(shape = {"4*hiddenSize", "hiddenSize"}, presentIf = "hasLayer2")
  Tensor weightHhL2;

  @Param(shape = {"4*hiddenSize"}, presentIf = "hasBiasL2")
  Tensor biasIhL2;

  @Param(shape = {"4*hiddenSize"}, presentIf = "hasBiasL2")
  Tensor biasHhL2;

  @Param(shape = {"4*hiddenSize", "hiddenSize"}, presentIf = "hasLayer3")
  Tensor weightIhL3;

  @Param(shape = {"4*hiddenSize", "hiddenSize"}, presentIf = "hasLayer3")
  Tensor weightHhL3;

  @Param(shape = {"4*hiddenSize"}, presentIf = "hasBiasL3")
  Tensor biasIhL3;

  @Param(shape = {"4*hiddenSize"}, presentIf = "hasBiasL3")
  Tensor biasHhL3;

  LSTM(int inputSize, int hiddenSize, int numLayers, boolean useBias) {
    RecurrentLayers.checkDepth("LSTM", numLayers, MAX_LAYERS);
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

  /** PyTorch's {@code nn.LSTM(inputSize, hiddenSize, batch_first=True)}: one layer, with biases. */
  public static LSTM create(int inputSize, int hiddenSize) {
    return create(inputSize, hiddenSize, 1, true);
  }

  /** PyTorch's {@code nn.LSTM(inputSize, hiddenSize, numLayers, batch_first=True)}, with biases. */
  public static LSTM create(int inputSize, int hiddenSize, int numLayers) {
    return create(inputSize, hiddenSize, numLayers, true);
  }

  /**
   * PyTorch's {@code nn.LSTM(inputSize, hiddenSize, numLayers, bias, batch_first=True)}.
   *
   * @throws IllegalArgumentException when {@code numLayers} is not within [1, {@value #MAX_LAYERS}]
   */
  public static LSTM create(int inputSize, int hiddenSize, int numLayers, boolean bias) {
    return new Lamina_LSTM(inputSize, hiddenSize, numLayers, bias);
  }

  /**
   * What {@link #forward(Tensor, Tensor, Tensor)} returns: the last layer's state at every step
   * {@code [batch, seq, hidden]}, and every layer's state and cell after the last step
   * {@code [numLayers, batch, hidden]}, PyTorch's {@code (output, (h_n, c_n))}.
   */
  public record State(Tensor output, Tensor h, Tensor c) {}

  /** Layer {@code layer}'s input-to-hidden weight, {@code [4*hidden, in]}, gates i, f, g, o. */
  public Tensor weightIh(int layer) {
    return pick(layer, weightIhL0, weightIhL1, weightIhL2, weightIhL3);
  }

  /** Layer {@code layer}'s hidden-to-hidden weight, {@code [4*hidden, hidden]}. */
  public Tensor weightHh(int layer) {
    return pick(layer, weightHhL0, weightHhL1, weightHhL2, weightHhL3);
  }

  /** Layer {@code layer}'s input-to-hidden bias, {@code [4*hidden]}, or null without biases. */
  public Tensor biasIh(int layer) {
    return pick(layer, biasIhL0, biasIhL1, biasIhL2, biasIhL3);
  }

  /** Layer {@code layer}'s hidden-to-hidden bias, {@code [4*hidden]}, or null without biases. */
  public Tensor biasHh(int layer) {
    return pick(layer, biasHhL0, biasHhL1, biasHhL2, biasHhL3);
  }

  private Tensor pick(int layer, Tensor... perLayer) {
    RecurrentLayers.checkLayerIndex("LSTM", layer, numLayers);
    return perLayer[layer];
  }

  @Override
  @SuppressWarnings("try") // the no-grad scope is used for its effect, not referenced
  protected void resetParameters() {
    try (NoGrad off = NoGrad.enter()) {
      RecurrentLayers.resetUniform(this, hiddenSize);
    }
  }

  /** The output sequence for {@code x}, from zero states and cells. */
  @Override
  @Shape({"batch", "seq", "hiddenSize"})
  public Tensor forward(@Shape({"batch", "seq", "inputSize"}) Tensor x) {
    return run(x, null, null).output();
  }

  /**
   * The output sequence and the final states and cells for {@code x [batch, seq, inputSize]}
   * from {@code h0} and {@code c0 [numLayers, batch, hidden]}, as PyTorch's
   * {@code lstm(x, (h0, c0))}; a null {@code h0} or {@code c0} is zeros.
   *
   * <p>Checked and reported as {@code forward(x)} is: the same generated checks of {@code x} and
   * of the output, the states against {@code [numLayers, batch, hiddenSize]}, and whatever fails
   * thrown as a {@link dev.lamina.LayerForwardException} naming this layer.
   */
  public State forward(Tensor x, Tensor h0, Tensor c0) {
    try {
      ShapeBindings shapes = checkInput(x);
      RecurrentLayers.checkState(shapes, "h0", h0, numLayers, hiddenSize);
      RecurrentLayers.checkState(shapes, "c0", c0, numLayers, hiddenSize);
      State state = run(x, h0, c0);
      checkOutput(shapes, state.output());
      observeOutputShape(state.output());
      return state;
    } catch (RuntimeException thrown) {
      throw forwardFailed(thrown);
    }
  }

  /** The stack over {@code x} from {@code h0} and {@code c0} (null for zeros), already checked. */
  private State run(Tensor x, Tensor h0, Tensor c0) {
    RecurrentLayers.checkSequenceLength("LSTM", x);
    int batch = x.size(0);
    Tensor input = x;
    Tensor[] finalStates = new Tensor[numLayers];
    Tensor[] finalCells = new Tensor[numLayers];
    for (int layer = 0; layer < numLayers; layer++) {
      Tensor h = h0 != null ? h0.select(0, layer) : Tensor.zeros(batch, hiddenSize);
      Tensor c = c0 != null ? c0.select(0, layer) : Tensor.zeros(batch, hiddenSize);
      // The input's share of every gate at every step in one product: [batch, seq, 4*hidden].
      Tensor fromInput = input.linear(weightIh(layer), biasIh(layer));
      Tensor[] steps = new Tensor[x.size(1)];
      for (int t = 0; t < steps.length; t++) {
        Tensor next = Tensor.lstmCell(fromInput.select(1, t),
            h.linear(weightHh(layer), biasHh(layer)), c);
        h = next.select(0, 0);
        c = next.select(0, 1);
        steps[t] = h;
      }
      input = Tensor.stack(1, steps);
      finalStates[layer] = h;
      finalCells[layer] = c;
    }
    return new State(input, Tensor.stack(0, finalStates), Tensor.stack(0, finalCells));
  }

  @Override
  public String extraRepr() {
    return RecurrentLayers.repr(inputSize, hiddenSize, numLayers, useBias);
  }
}
