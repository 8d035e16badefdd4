package dev.lamina.chapter;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.registry.ConfigReader;
import dev.lamina.registry.LayerFactory;
import dev.lamina.shape.ShapeBindings;
import dev.lamina.shape.SymbolicShape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Generated;

/**
 * The generated implementation of {@link BlockStack}: it registers the layer's parameters, buffers and children,
 * allocates and initializes them, checks shapes around {@code forward}, and rebuilds
 * the layer from a saved config.
 *
 * <p>Generated from {@code dev.lamina.chapter.BlockStack} by the Lamina {@code @Layer} processor; do not edit.
 */
@Generated(
    value = "dev.lamina.processor.LayerProcessor",
    comments = "from dev.lamina.chapter.BlockStack"
)
final class Lamina_BlockStack extends BlockStack {
  private static final String TYPE_NAME = "dev.lamina.chapter.BlockStack";

  private static final SymbolicShape INPUT_SHAPE = SymbolicShape.of("batch", "width");

  private static final SymbolicShape OUTPUT_SHAPE = SymbolicShape.of("batch", "width");

  Lamina_BlockStack(int depth, int width) {
    super(depth, width);
    checkChildList("blocks", this.blocks);
  }

  @Override
  public Tensor forward(Tensor x) {
    try {
      ShapeBindings shapes = checkInput(x);
      Tensor output = super.forward(x);
      checkOutput(shapes, output);
      observeOutputShape(output);
      return output;
    } catch (RuntimeException thrown) {
      throw forwardFailed(thrown);
    }
  }

  @Override
  protected ShapeBindings checkInput(Tensor x) {
    ShapeBindings shapes = new ShapeBindings("BlockStack.forward");
    shapes.bind("width", this.width);
    shapes.check("x", x, INPUT_SHAPE);
    return shapes;
  }

  @Override
  protected void checkOutput(ShapeBindings shapes, Tensor output) {
    shapes.check("output", output, OUTPUT_SHAPE);
  }

  @Override
  protected Map<String, Module> localChildren() {
    Map<String, Module> children = new LinkedHashMap<>();
    children.put("blocks", childList("blocks", this.blocks));
    return children;
  }

  @Override
  public Map<String, Object> config() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("depth", this.depth);
    config.put("width", this.width);
    return config;
  }

  @Override
  public String typeName() {
    return TYPE_NAME;
  }

  @Override
  public String displayName() {
    return "BlockStack";
  }

  @Override
  protected List<String> declaredOutputShape() {
    ShapeBindings shapes = new ShapeBindings("BlockStack");
    shapes.bind("width", this.width);
    return shapes.resolve(OUTPUT_SHAPE);
  }

  /**
   * Rebuilds a {@link BlockStack} from a saved config.
   */
  public static final class Factory implements LayerFactory {
    @Override
    public String typeName() {
      return TYPE_NAME;
    }

    @Override
    public Module create(Map<String, Object> config, Map<String, Module> children) {
      ConfigReader reader = new ConfigReader(TYPE_NAME, config, children);
      return new Lamina_BlockStack(reader.intValue("depth"), reader.intValue("width"));
    }
  }
}
