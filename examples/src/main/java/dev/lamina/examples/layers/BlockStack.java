package dev.lamina.examples.layers;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code depth} residual blocks applied in order, held in a list: the children are named
 * {@code blocks.0}, {@code blocks.1}, ... as PyTorch's {@code nn.ModuleList} names them, so that a
 * PyTorch {@code Stack} with {@code self.blocks = nn.ModuleList(...)} shares this layer's files.
 */
@Layer
public abstract class BlockStack extends Module {
  final int depth;
  final int width;
  final List<ResidualBlock> blocks = new ArrayList<>();

  BlockStack(int depth, int width) {
    this.depth = depth;
    this.width = width;
    for (int i = 0; i < depth; i++) {
      blocks.add(ResidualBlock.create(width));
    }
  }

  public static BlockStack create(int depth, int width) {
    return new Lamina_BlockStack(depth, width);
  }

  @Override
  @Shape({"...", "width"})
  public Tensor forward(@Shape({"...", "width"}) Tensor x) {
    for (ResidualBlock block : blocks) {
      x = block.forward(x);
    }
    return x;
  }
}
