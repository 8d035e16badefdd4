package dev.lamina.chapter;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.nn.Linear;
import java.util.LinkedHashMap;
import java.util.Map;

/** Heads under names of their own, held in a map: children {@code heads.digits}, {@code heads.parity}. */
@Layer
public abstract class TwoHeads extends Module {
  final int width;
  final Map<String, Linear> heads = new LinkedHashMap<>();
  final String active;

  TwoHeads(int width, String active) {
    this.width = width;
    this.active = active;
    heads.put("digits", Linear.create(width, 10));
    heads.put("parity", Linear.create(width, 2));
  }

  public static TwoHeads create(int width, String active) {
    return new Lamina_TwoHeads(width, active);
  }

  public Tensor forward(Tensor x) {
    return heads.get(active).forward(x);
  }
}
