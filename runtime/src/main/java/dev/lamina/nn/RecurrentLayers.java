package dev.lamina.nn;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.init.Initializers;
import dev.lamina.shape.ShapeBindings;
import dev.lamina.shape.SymbolicShape;
import java.util.Arrays;
import java.util.Map;

/** What {@link GRU} and {@link LSTM} share: their checks, their initialization, their text. */
final class RecurrentLayers {
  private static final SymbolicShape STATE_SHAPE =
      SymbolicShape.of("numLayers", "batch", "hiddenSize");

  private RecurrentLayers() {}

  /** Refuses a depth the layer declares no parameters for. */
  static void checkDepth(String layer, int numLayers, int maxLayers) {
    if (numLayers < 1 || numLayers > maxLayers) {
      throw new IllegalArgumentException(layer + ": numLayers " + numLayers + " must be within [1, "
          + maxLayers + "]");
    }
  }

  /** Refuses a layer index outside {@code [0, numLayers)}. */
  static void checkLayerIndex(String layer, int index, int numLayers) {
    if (index < 0 || index >= numLayers) {
      throw new IndexOutOfBoundsException(layer + ": layer " + index + " must be within [0, "
          + numLayers + ")");
    }
  }

  /** Refuses an input without time steps, as PyTorch does: there would be no final state. */
  static void checkSequenceLength(String layer, Tensor x) {
    if (x.size(1) == 0) {
      throw new IllegalArgumentException(layer + ".forward: x must have at least one time step,"
          + " but has shape " + Arrays.toString(x.shape()));
    }
  }

  /**
   * Checks an initial state against {@code [numLayers, batch, hiddenSize]}, {@code batch} as
   * forward's input bound it; a null state (zeros) passes.
   */
  static void checkState(ShapeBindings shapes, String name, Tensor state, int numLayers,
      int hiddenSize) {
    if (state != null) {
      shapes.bind("numLayers", numLayers).bind("hiddenSize", hiddenSize);
      shapes.check(name, state, STATE_SHAPE);
    }
  }

  /**
   * Draws every parameter of {@code layer} from {@code U(-1/sqrt(hidden), 1/sqrt(hidden))}, as
   * PyTorch's {@code RNNBase.reset_parameters}, each from its own seeded generator.
   */
  static void resetUniform(Module layer, int hiddenSize) {
    float bound = (float) (1 / Math.sqrt(hiddenSize));
    for (Map.Entry<String, Tensor> parameter : layer.ownParameters().entrySet()) {
      Tensor values = Tensor.rand(
          Initializers.generatorFor(layer.typeName(), parameter.getKey()),
          parameter.getValue().shape());
      parameter.getValue().copyFrom(values.mul(2 * bound).sub(bound));
    }
  }

  /** The arguments PyTorch prints: those that differ from the defaults, and batch_first. */
  static String repr(int inputSize, int hiddenSize, int numLayers, boolean bias) {
    return inputSize + ", " + hiddenSize + (numLayers != 1 ? ", num_layers=" + numLayers : "")
        + (bias ? "" : ", bias=False") + ", batch_first=True";
  }
}
