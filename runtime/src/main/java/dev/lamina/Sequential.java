package dev.lamina;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Modules applied one after another, named {@code 0}, {@code 1}, ... as in PyTorch, so that
 * {@code new Sequential(MyLinear.create(64, 8), MyLinear.create(8, 1))} has parameters
 * {@code 0.weight, 0.bias, 1.weight, 1.bias}.
 */
public class Sequential extends Module {
  /** The name a Sequential is saved and registered under. */
  public static final String TYPE_NAME = "dev.lamina.Sequential";

  private final List<Module> layers;

  /** The modules in the order they are applied. */
  public Sequential(Module... layers) {
    for (int i = 0; i < layers.length; i++) {
      if (layers[i] == null) {
        throw new IllegalArgumentException("Sequential: layer " + i + " is null");
      }
      if (layers[i].inputCount() != 1) {
        throw new IllegalArgumentException("Sequential: layer " + i + " (" + layers[i].displayName()
            + ") takes " + layers[i].inputCount() + " inputs, but a Sequential passes each layer"
            + " one tensor");
      }
    }
    this.layers = List.copyOf(Arrays.asList(layers));
  }

  /** The layer at {@code index}, as {@code net[index]} in PyTorch. */
  public Module get(int index) {
    return layers.get(index);
  }

  /** The number of layers. */
  public int size() {
    return layers.size();
  }

  /** The layers, in order (unmodifiable). */
  public List<Module> layers() {
    return Collections.unmodifiableList(layers);
  }

  /**
   * Each layer on the previous one's output; neighbours that fuse (Linear then ReLU) run as one op.
   * A failure names the layer by its index, as {@code 1.body (MyLinear).forward: ...} (see
   * {@link LayerForwardException}).
   */
  @Override
  public Tensor forward(Tensor x) {
    Tensor out = x;
    int count = layers.size();
    for (int i = 0; i < count; i++) {
      Module layer = layers.get(i);
      try {
        if (i + 1 < count) {
          Module next = layers.get(i + 1);
          Tensor fused = layer.forwardFused(next, out);
          if (fused != null) {
            layer.observeOutputShape(fused);
            next.observeOutputShape(fused);
            out = fused;
            i++;
            continue;
          }
        }
        out = layer.forward(out);
      } catch (RuntimeException e) {
        // Reported under the index it was called at, which tells apart one layer placed twice.
        throw LayerForwardException.report(this, Integer.toString(i), layer, e);
      }
    }
    return out;
  }

  @Override
  protected Map<String, Module> localChildren() {
    Map<String, Module> out = new LinkedHashMap<>();
    for (int i = 0; i < layers.size(); i++) {
      out.put(Integer.toString(i), layers.get(i));
    }
    return out;
  }

  @Override
  public String typeName() {
    return TYPE_NAME;
  }
}
