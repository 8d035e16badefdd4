package dev.lamina.chapter;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Shape;
import java.util.ArrayList;
import java.util.List;

/** A stack of {@code depth} blocks held in a list: children {@code blocks.0}, {@code blocks.1}, ... */
@Layer
public abstract class BlockStack extends Module {
  final int depth;
  final int width;
  final List<Block> blocks = new ArrayList<>();

  BlockStack(int depth, int width) {
    this.depth = depth;
    this.width = width;
    for (int i = 0; i < depth; i++) {
      blocks.add(Block.create(width));
    }
  }

  public static BlockStack create(int depth, int width) {
    return new Lamina_BlockStack(depth, width);
  }

  @Shape({"batch", "width"})
  public Tensor forward(@Shape({"batch", "width"}) Tensor x) {
    for (Block block : blocks) {
      x = block.forward(x);
    }
    return x;
  }
}
