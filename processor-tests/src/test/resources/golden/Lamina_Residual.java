package dev.lamina.chapter;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Init;
import dev.lamina.registry.ConfigReader;
import dev.lamina.registry.LayerFactory;
import dev.lamina.shape.ShapeBindings;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.annotation.processing.Generated;

/**
 * The generated implementation of {@link Residual}: it registers the layer's parameters, buffers and children,
 * allocates and initializes them, checks shapes around {@code forward}, and rebuilds
 * the layer from a saved config.
 *
 * <p>Generated from {@code dev.lamina.chapter.Residual} by the Lamina {@code @Layer} processor; do not edit.
 */
@Generated(
    value = "dev.lamina.processor.LayerProcessor",
    comments = "from dev.lamina.chapter.Residual"
)
final class Lamina_Residual extends Residual {
  private static final String TYPE_NAME = "dev.lamina.chapter.Residual";

  Lamina_Residual(Module body) {
    super(body);
    ShapeBindings shapes = new ShapeBindings("Residual");
    this.scale = newParameter("scale", Init.ONES, shapes.sizes("scale", "1"));
  }

  @Override
  public Tensor forward(Tensor x) {
    try {
      Tensor output = super.forward(x);
      observeOutputShape(output);
      return output;
    } catch (RuntimeException thrown) {
      throw forwardFailed(thrown);
    }
  }

  @Override
  protected Map<String, Tensor> localParameters() {
    Map<String, Tensor> parameters = new LinkedHashMap<>();
    parameters.put("scale", this.scale);
    return parameters;
  }

  @Override
  protected Map<String, Module> localChildren() {
    Map<String, Module> children = new LinkedHashMap<>();
    children.put("body", this.body);
    return children;
  }

  @Override
  protected boolean setLocalParameter(String name, Tensor value) {
    switch (name) {
      case "scale" -> this.scale = value;
      default -> {
        return false;
      }
    }
    return true;
  }

  @Override
  public Map<String, Object> config() {
    Map<String, Object> config = new LinkedHashMap<>();
    return config;
  }

  @Override
  public String typeName() {
    return TYPE_NAME;
  }

  @Override
  public String displayName() {
    return "Residual";
  }

  /**
   * Rebuilds a {@link Residual} from a saved config.
   */
  public static final class Factory implements LayerFactory {
    @Override
    public String typeName() {
      return TYPE_NAME;
    }

    @Override
    public Module create(Map<String, Object> config, Map<String, Module> children) {
      ConfigReader reader = new ConfigReader(TYPE_NAME, config, children);
      return new Lamina_Residual(reader.child("body", Module.class));
    }
  }
}
