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
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * The generated implementation of {@link GruCell}: it registers the layer's parameters, buffers and children,
 * allocates and initializes them, checks shapes around {@code forward}, and rebuilds
 * the layer from a saved config.
 *
 * <p>Generated from {@code dev.lamina.chapter.GruCell} by the Lamina {@code @Layer} processor; do not edit.
 */
@Generated(
    value = "dev.lamina.processor.LayerProcessor",
    comments = "from dev.lamina.chapter.GruCell"
)
final class Lamina_GruCell extends GruCell {
  private static final String TYPE_NAME = "dev.lamina.chapter.GruCell";

  private static final SymbolicShape X_SHAPE = SymbolicShape.of("batch", "in");

  private static final SymbolicShape H_SHAPE = SymbolicShape.of("batch", "hidden");

  private static final SymbolicShape OUTPUT_SHAPE = SymbolicShape.of("batch", "3*hidden");

  private final Object inferredLock = new Object();

  private volatile boolean inferredAllocated;

  Lamina_GruCell(int hidden) {
    super(hidden);
    ShapeBindings shapes = new ShapeBindings("GruCell");
    shapes.bind("hidden", this.hidden);
    this.weightHh = newParameter("weight_hh", Init.KAIMING_UNIFORM, shapes.sizes("weight_hh", "3*hidden", "hidden"));
  }

  @Override
  public Tensor forward(Tensor x, Tensor h) {
    try {
      ShapeBindings shapes = checkInput(x, h);
      Tensor output = super.forward(x, h);
      checkOutput(shapes, output);
      observeOutputShape(output);
      return output;
    } catch (RuntimeException thrown) {
      throw forwardFailed(thrown);
    }
  }

  @Override
  public int inputCount() {
    return 2;
  }

  @Override
  public Tensor forward(Tensor input) {
    throw new IllegalArgumentException("GruCell.forward takes 2 inputs (x, h), but was given 1");
  }

  @Override
  public Tensor forwardAll(List<Tensor> inputs) {
    checkInputCount(inputs);
    return forward(inputs.get(0), inputs.get(1));
  }

  private ShapeBindings checkInput(Tensor x, Tensor h) {
    ShapeBindings shapes = new ShapeBindings("GruCell.forward");
    shapes.bind("hidden", this.hidden);
    if (inferredAllocated) {
      shapes.bind("in", this.weightIh.size(1));
    }
    Objects.requireNonNull(x, "GruCell.forward: x must not be null, because it is not @Shape(optional = true)");
    shapes.check("x", x, X_SHAPE);
    Objects.requireNonNull(h, "GruCell.forward: h must not be null, because it is not @Shape(optional = true)");
    shapes.check("h", h, H_SHAPE);
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
        this.weightIh = newParameter("weight_ih", Init.KAIMING_UNIFORM, shapes.sizes("weight_ih", "3*hidden", "in"));
        inferredAllocated = true;
      }
    }
  }

  @Override
  protected Map<String, Tensor> localParameters() {
    Map<String, Tensor> parameters = new LinkedHashMap<>();
    parameters.put("weight_ih", this.weightIh);
    parameters.put("weight_hh", this.weightHh);
    return parameters;
  }

  @Override
  protected boolean setLocalParameter(String name, Tensor value) {
    switch (name) {
      case "weight_ih" -> this.weightIh = value;
      case "weight_hh" -> this.weightHh = value;
      default -> {
        return false;
      }
    }
    inferredAllocated = this.weightIh != null;
    return true;
  }

  @Override
  public Map<String, Object> config() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("hidden", this.hidden);
    return config;
  }

  @Override
  public String typeName() {
    return TYPE_NAME;
  }

  @Override
  public String displayName() {
    return "GruCell";
  }

  @Override
  protected List<String> declaredOutputShape() {
    ShapeBindings shapes = new ShapeBindings("GruCell");
    shapes.bind("hidden", this.hidden);
    return shapes.resolve(OUTPUT_SHAPE);
  }

  /**
   * Rebuilds a {@link GruCell} from a saved config.
   */
  public static final class Factory implements LayerFactory {
    @Override
    public String typeName() {
      return TYPE_NAME;
    }

    @Override
    public Module create(Map<String, Object> config, Map<String, Module> children) {
      ConfigReader reader = new ConfigReader(TYPE_NAME, config, children);
      return new Lamina_GruCell(reader.intValue("hidden"));
    }
  }
}
