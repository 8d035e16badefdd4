package dev.lamina.chapter;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Init;
import dev.lamina.registry.ConfigReader;
import dev.lamina.registry.LayerFactory;
import dev.lamina.shape.ShapeBindings;
import dev.lamina.shape.SymbolicShape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Generated;

/**
 * The generated implementation of {@link MyLinear}: it registers the layer's parameters, buffers and children,
 * allocates and initializes them, checks shapes around {@code forward}, and rebuilds
 * the layer from a saved config.
 *
 * <p>Generated from {@code dev.lamina.chapter.MyLinear} by the Lamina {@code @Layer} processor; do not edit.
 */
@Generated(
    value = "dev.lamina.processor.LayerProcessor",
    comments = "from dev.lamina.chapter.MyLinear"
)
final class Lamina_MyLinear extends MyLinear {
  private static final String TYPE_NAME = "dev.lamina.chapter.MyLinear";

  private static final SymbolicShape INPUT_SHAPE = SymbolicShape.of("batch", "inUnits");

  private static final SymbolicShape INFERRED_OUTPUT_SHAPE = SymbolicShape.of("batch", "units");

  Lamina_MyLinear(int inUnits, int units) {
    super(inUnits, units);
    ShapeBindings shapes = new ShapeBindings("MyLinear");
    shapes.bind("inUnits", this.inUnits);
    shapes.bind("units", this.units);
    this.weight = newParameter("weight", Init.NORMAL, shapes.sizes("weight", "inUnits", "units"));
    this.bias = newParameter("bias", Init.NORMAL, shapes.sizes("bias", "units"));
  }

  @Override
  public Tensor forward(Tensor x) {
    try {
      checkInput(x);
      Tensor output = super.forward(x);
      observeOutputShape(output);
      return output;
    } catch (RuntimeException thrown) {
      throw forwardFailed(thrown);
    }
  }

  @Override
  protected ShapeBindings checkInput(Tensor x) {
    ShapeBindings shapes = new ShapeBindings("MyLinear.forward");
    shapes.bind("inUnits", this.inUnits);
    shapes.check("x", x, INPUT_SHAPE);
    return shapes;
  }

  @Override
  protected Map<String, Tensor> localParameters() {
    Map<String, Tensor> parameters = new LinkedHashMap<>();
    parameters.put("weight", this.weight);
    parameters.put("bias", this.bias);
    return parameters;
  }

  @Override
  protected boolean setLocalParameter(String name, Tensor value) {
    switch (name) {
      case "weight" -> this.weight = value;
      case "bias" -> this.bias = value;
      default -> {
        return false;
      }
    }
    return true;
  }

  @Override
  public Map<String, Object> config() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("inUnits", this.inUnits);
    config.put("units", this.units);
    return config;
  }

  @Override
  public String typeName() {
    return TYPE_NAME;
  }

  @Override
  public String displayName() {
    return "MyLinear";
  }

  @Override
  protected List<String> inferredOutputShape() {
    ShapeBindings shapes = new ShapeBindings("MyLinear");
    shapes.bind("units", this.units);
    return shapes.resolve(INFERRED_OUTPUT_SHAPE);
  }

  /**
   * Rebuilds a {@link MyLinear} from a saved config.
   */
  public static final class Factory implements LayerFactory {
    @Override
    public String typeName() {
      return TYPE_NAME;
    }

    @Override
    public Module create(Map<String, Object> config, Map<String, Module> children) {
      ConfigReader reader = new ConfigReader(TYPE_NAME, config, children);
      return new Lamina_MyLinear(reader.intValue("inUnits"), reader.intValue("units"));
    }
  }
}
