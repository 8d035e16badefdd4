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
 * The generated implementation of {@link LstmCell}: it registers the layer's parameters, buffers and children,
 * allocates and initializes them, checks shapes around {@code forward}, and rebuilds
 * the layer from a saved config.
 *
 * <p>Generated from {@code dev.lamina.chapter.LstmCell} by the Lamina {@code @Layer} processor; do not edit.
 */
@Generated(
    value = "dev.lamina.processor.LayerProcessor",
    comments = "from dev.lamina.chapter.LstmCell"
)
final class Lamina_LstmCell extends LstmCell {
  private static final String TYPE_NAME = "dev.lamina.chapter.LstmCell";

  private static final SymbolicShape X_SHAPE = SymbolicShape.of("batch", "in");

  private static final SymbolicShape H_SHAPE = SymbolicShape.of("batch", "hidden");

  private static final SymbolicShape C_SHAPE = SymbolicShape.of("batch", "hidden");

  private static final SymbolicShape OUTPUT_H_SHAPE = SymbolicShape.of("batch", "hidden");

  private static final SymbolicShape OUTPUT_C_SHAPE = SymbolicShape.of("batch", "hidden");

  private final Object inferredLock = new Object();

  private volatile boolean inferredAllocated;

  Lamina_LstmCell(int hidden) {
    super(hidden);
    ShapeBindings shapes = new ShapeBindings("LstmCell");
    shapes.bind("hidden", this.hidden);
    this.weightHh = newParameter("weight_hh", Init.KAIMING_UNIFORM, shapes.sizes("weight_hh", "4*hidden", "hidden"));
  }

  @Override
  public LstmCell.State forward(Tensor x, Tensor h, Tensor c) {
    try {
      ShapeBindings shapes = checkInput(x, h, c);
      LstmCell.State output = super.forward(x, h, c);
      checkOutput(shapes, output);
      return output;
    } catch (RuntimeException thrown) {
      throw forwardFailed(thrown);
    }
  }

  @Override
  public int inputCount() {
    return 3;
  }

  @Override
  public Tensor forward(Tensor input) {
    throw new UnsupportedOperationException("LstmCell.forward returns a State, not a Tensor: call forward(x, h, c)");
  }

  @Override
  public Tensor forwardAll(List<Tensor> inputs) {
    throw new UnsupportedOperationException("LstmCell.forward returns a State, not a Tensor: call forward(x, h, c)");
  }

  private ShapeBindings checkInput(Tensor x, Tensor h, Tensor c) {
    ShapeBindings shapes = new ShapeBindings("LstmCell.forward");
    shapes.bind("hidden", this.hidden);
    if (inferredAllocated) {
      shapes.bind("in", this.weightIh.size(1));
    }
    Objects.requireNonNull(x, "LstmCell.forward: x must not be null, because it is not @Shape(optional = true)");
    shapes.check("x", x, X_SHAPE);
    Objects.requireNonNull(h, "LstmCell.forward: h must not be null, because it is not @Shape(optional = true)");
    shapes.check("h", h, H_SHAPE);
    Objects.requireNonNull(c, "LstmCell.forward: c must not be null, because it is not @Shape(optional = true)");
    shapes.check("c", c, C_SHAPE);
    if (!inferredAllocated) {
      allocateInferred(shapes);
    }
    return shapes;
  }

  private void checkOutput(ShapeBindings shapes, LstmCell.State output) {
    Objects.requireNonNull(output, "LstmCell.forward returned null instead of a State");
    Objects.requireNonNull(output.h(), "LstmCell.forward returned a State whose h is null, but its @Shape is not optional");
    shapes.check("output.h", output.h(), OUTPUT_H_SHAPE);
    Objects.requireNonNull(output.c(), "LstmCell.forward returned a State whose c is null, but its @Shape is not optional");
    shapes.check("output.c", output.c(), OUTPUT_C_SHAPE);
  }

  private void allocateInferred(ShapeBindings shapes) {
    synchronized (inferredLock) {
      if (!inferredAllocated) {
        this.weightIh = newParameter("weight_ih", Init.KAIMING_UNIFORM, shapes.sizes("weight_ih", "4*hidden", "in"));
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
    return "LstmCell";
  }

  /**
   * Rebuilds a {@link LstmCell} from a saved config.
   */
  public static final class Factory implements LayerFactory {
    @Override
    public String typeName() {
      return TYPE_NAME;
    }

    @Override
    public Module create(Map<String, Object> config, Map<String, Module> children) {
      ConfigReader reader = new ConfigReader(TYPE_NAME, config, children);
      return new Lamina_LstmCell(reader.intValue("hidden"));
    }
  }
}
