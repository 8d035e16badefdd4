package dev.lamina.chapter;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import java.util.ArrayList;
import java.util.List;

/** A layer whose constructor may leave its list of children null or with a hole, for the checks. */
@Layer
public abstract class NullList extends Module {
  final boolean build;
  final List<Block> blocks;

  NullList(boolean build) {
    this.build = build;
    if (build) {
      blocks = new ArrayList<>();
      blocks.add(Block.create(2));
      blocks.add(null);
    } else {
      blocks = null;
    }
  }

  static NullList create() {
    return new Lamina_NullList(false);
  }

  static NullList withHole() {
    return new Lamina_NullList(true);
  }

  public Tensor forward(Tensor x) {
    return x;
  }
}
