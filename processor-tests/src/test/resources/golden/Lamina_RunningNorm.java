package dev.lamina.chapter;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.DType;
import dev.lamina.annotations.Init;
import dev.lamina.registry.ConfigReader;
import dev.lamina.registry.LayerFactory;
import dev.lamina.shape.ShapeBindings;
import dev.lamina.shape.SymbolicShape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Generated;

/**
 * The generated implementation of {@link RunningNorm}: it registers the layer's parameters, buffers and children,
 * allocates and initializes them, checks shapes around {@code forward}, and rebuilds
 * the layer from a saved config.
 *
 * <p>Generated from {@code dev.lamina.chapter.RunningNorm} by the Lamina {@code @Layer} processor; do not edit.
 */
@Generated(
    value = "dev.lamina.processor.LayerProcessor",
    comments = "from dev.lamina.chapter.RunningNorm"
)
final class Lamina_RunningNorm extends RunningNorm {
  private static final String TYPE_NAME = "dev.lamina.chapter.RunningNorm";

  private static final SymbolicShape INPUT_SHAPE = SymbolicShape.of("batch", "features");

  private static final SymbolicShape OUTPUT_SHAPE = SymbolicShape.of("batch", "features");

  Lamina_RunningNorm(int features, boolean trackRunningStats) {
    super(features, trackRunningStats);
    ShapeBindings shapes = new ShapeBindings("RunningNorm");
    shapes.bind("features", this.features);
    this.weight = newParameter("weight", Init.ONES, shapes.sizes("weight", "features"));
    if (this.trackRunningStats) {
      this.runningMean = newBuffer("running_mean", Init.ZEROS, DType.FLOAT32, true, shapes.bufferSizes("running_mean", "features"));
    }
    if (this.trackRunningStats) {
      this.numBatchesTracked = newBuffer("num_batches_tracked", Init.ZEROS, DType.INT64, true, new int[0]);
    }
    this.scale = newBuffer("scale", Init.ONES, DType.FLOAT32, false, shapes.bufferSizes("scale", "features"));
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
    ShapeBindings shapes = new ShapeBindings("RunningNorm.forward");
    shapes.bind("features", this.features);
    shapes.check("x", x, INPUT_SHAPE);
    return shapes;
  }

  @Override
  protected void checkOutput(ShapeBindings shapes, Tensor output) {
    shapes.check("output", output, OUTPUT_SHAPE);
  }

  @Override
  protected Map<String, Tensor> localParameters() {
    Map<String, Tensor> parameters = new LinkedHashMap<>();
    parameters.put("weight", this.weight);
    return parameters;
  }

  @Override
  protected Map<String, Tensor> localBuffers() {
    Map<String, Tensor> buffers = new LinkedHashMap<>();
    if (this.trackRunningStats) {
      buffers.put("running_mean", this.runningMean);
    }
    if (this.trackRunningStats) {
      buffers.put("num_batches_tracked", this.numBatchesTracked);
    }
    buffers.put("scale", this.scale);
    return buffers;
  }

  @Override
  protected Set<String> nonPersistentBuffers() {
    return Set.of("scale");
  }

  @Override
  protected boolean setLocalBuffer(String name, Tensor value) {
    switch (name) {
      case "running_mean" -> this.runningMean = value;
      case "num_batches_tracked" -> this.numBatchesTracked = value;
      case "scale" -> this.scale = value;
      default -> {
        return false;
      }
    }
    return true;
  }

  @Override
  protected boolean setLocalParameter(String name, Tensor value) {
    switch (name) {
      case "weight" -> this.weight = value;
      default -> {
        return false;
      }
    }
    return true;
  }

  @Override
  public Map<String, Object> config() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("features", this.features);
    config.put("trackRunningStats", this.trackRunningStats);
    return config;
  }

  @Override
  public String typeName() {
    return TYPE_NAME;
  }

  @Override
  public String displayName() {
    return "RunningNorm";
  }

  @Override
  protected List<String> declaredOutputShape() {
    ShapeBindings shapes = new ShapeBindings("RunningNorm");
    shapes.bind("features", this.features);
    return shapes.resolve(OUTPUT_SHAPE);
  }

  /**
   * Rebuilds a {@link RunningNorm} from a saved config.
   */
  public static final class Factory implements LayerFactory {
    @Override
    public String typeName() {
      return TYPE_NAME;
    }

    @Override
    public Module create(Map<String, Object> config, Map<String, Module> children) {
      ConfigReader reader = new ConfigReader(TYPE_NAME, config, children);
      return new Lamina_RunningNorm(reader.intValue("features"), reader.booleanValue("trackRunningStats"));
    }
  }
}
