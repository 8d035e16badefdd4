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
 * The generated implementation of {@link MyLazyLinear}: it registers the layer's parameters, buffers and children,
 * allocates and initializes them, checks shapes around {@code forward}, and rebuilds
 * the layer from a saved config.
 *
 * <p>Generated from {@code dev.lamina.chapter.MyLazyLinear} by the Lamina {@code @Layer} processor; do not edit.
 */
@Generated(
    value = "dev.lamina.processor.LayerProcessor",
    comments = "from dev.lamina.chapter.MyLazyLinear"
)
final class Lamina_MyLazyLinear extends MyLazyLinear {
  private static final String TYPE_NAME = "dev.lamina.chapter.MyLazyLinear";

  private static final SymbolicShape INPUT_SHAPE = SymbolicShape.of("batch", "in");

  private static final SymbolicShape OUTPUT_SHAPE = SymbolicShape.of("batch", "units");

  private final Object inferredLock = new Object();

  private volatile boolean inferredAllocated;

  Lamina_MyLazyLinear(int units) {
    super(units);
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
    ShapeBindings shapes = new ShapeBindings("MyLazyLinear.forward");
    shapes.bind("units", this.units);
    if (inferredAllocated) {
      shapes.bind("in", this.weight.size(1));
    }
    shapes.check("x", x, INPUT_SHAPE);
    if (!inferredAllocated) {
      allocateInferred(shapes);
    }
    return shapes;
  }

  @Override
  protected void checkOutput(ShapeBindings shapes, Tensor output) {
    shapes.check("output", output, OUTPUT_SHAPE);
  }

  private void allocateInferred(ShapeBindings shapes) {
    synchronized (inferredLock) {
      if (!inferredAllocated) {
        this.weight = newParameter("weight", Init.KAIMING_UNIFORM, shapes.sizes("weight", "units", "in"));
        this.bias = newParameter("bias", Init.KAIMING_UNIFORM, shapes.sizes("bias", "units"), this.weight.shape());
        inferredAllocated = true;
      }
    }
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
    inferredAllocated = this.weight != null && this.bias != null;
    return true;
  }

  @Override
  public Map<String, Object> config() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("units", this.units);
    return config;
  }

  @Override
  public String typeName() {
    return TYPE_NAME;
  }

  @Override
  public String displayName() {
    return "MyLazyLinear";
  }

  @Override
  protected List<String> declaredOutputShape() {
    ShapeBindings shapes = new ShapeBindings("MyLazyLinear");
    shapes.bind("units", this.units);
    return shapes.resolve(OUTPUT_SHAPE);
  }

  /**
   * Rebuilds a {@link MyLazyLinear} from a saved config.
   */
  public static final class Factory implements LayerFactory {
    @Override
    public String typeName() {
      return TYPE_NAME;
    }

    @Override
    public Module create(Map<String, Object> config, Map<String, Module> children) {
      ConfigReader reader = new ConfigReader(TYPE_NAME, config, children);
      return new Lamina_MyLazyLinear(reader.intValue("units"));
    }
  }
}
