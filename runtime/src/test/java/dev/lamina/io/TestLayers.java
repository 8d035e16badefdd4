package dev.lamina.io;

import dev.lamina.Generator;
import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.registry.LayerFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-written layers with PyTorch's parameter names and layouts, and their registered factories,
 * standing in for generated {@code @Layer} classes in the file tests.
 */
public final class TestLayers {
  private TestLayers() {}

  /** PyTorch's {@code nn.Linear}: weight {@code [out, in]}, bias {@code [out]}, {@code x W^T + b}. */
  public static final class Linear extends Module {
    final int in;
    final int out;
    final Tensor weight;
    final Tensor bias;

    public Linear(int in, int out, long seed) {
      this.in = in;
      this.out = out;
      Generator g = new Generator(seed);
      this.weight = Tensor.randn(g, out, in).requiresGrad(true);
      this.bias = Tensor.randn(g, out).requiresGrad(true);
    }

    @Override
    public Tensor forward(Tensor x) {
      return x.matmul(weight.t()).add(bias);
    }

    @Override
    protected Map<String, Tensor> localParameters() {
      Map<String, Tensor> p = new LinkedHashMap<>();
      p.put("weight", weight);
      p.put("bias", bias);
      return p;
    }

    @Override
    public Map<String, Object> config() {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("in_features", in);
      c.put("out_features", out);
      return c;
    }

    @Override
    public String typeName() {
      return "test.Linear";
    }
  }

  /** The chapter's {@code MyLinear}: weight {@code [in, units]}, bias {@code [units]}, {@code relu(x W + b)}. */
  public static final class MyLinear extends Module {
    final int inUnits;
    final int units;
    final Tensor weight;
    final Tensor bias;

    public MyLinear(int inUnits, int units, long seed) {
      this.inUnits = inUnits;
      this.units = units;
      Generator g = new Generator(seed);
      this.weight = Tensor.randn(g, inUnits, units).requiresGrad(true);
      this.bias = Tensor.randn(g, units).requiresGrad(true);
    }

    @Override
    public Tensor forward(Tensor x) {
      return x.matmul(weight).add(bias).relu();
    }

    @Override
    protected Map<String, Tensor> localParameters() {
      Map<String, Tensor> p = new LinkedHashMap<>();
      p.put("weight", weight);
      p.put("bias", bias);
      return p;
    }

    @Override
    public Map<String, Object> config() {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("inUnits", inUnits);
      c.put("units", units);
      return c;
    }

    @Override
    public String typeName() {
      return "test.MyLinear";
    }
  }

  /** PyTorch's {@code nn.ReLU}: no parameters. */
  public static final class Relu extends Module {
    @Override
    public Tensor forward(Tensor x) {
      return x.relu();
    }

    @Override
    public String typeName() {
      return "test.ReLU";
    }
  }

  /** A layer whose config holds every kind of value a config may hold. */
  public static final class Configured extends Module {
    final Map<String, Object> config;

    public Configured(Map<String, Object> config) {
      this.config = config;
    }

    @Override
    public Tensor forward(Tensor x) {
      return x;
    }

    @Override
    public Map<String, Object> config() {
      return config;
    }

    @Override
    public String typeName() {
      return "test.Configured";
    }
  }

  /**
   * A size from a config, between 1 and 4096: these layers allocate in their constructors, so a
   * fuzzed file must not make them large.
   */
  static int intEntry(Map<String, Object> config, String key) {
    Object v = config.get(key);
    if (!(v instanceof Number number)) {
      throw new IllegalArgumentException("config entry \"" + key + "\" must be a number, got " + v);
    }
    long size = number.longValue();
    if (size < 1 || size > 4096) {
      throw new IllegalArgumentException("config entry \"" + key + "\" must be in [1, 4096], got " + v);
    }
    return (int) size;
  }

  /** Registered for {@code test.Linear}. */
  public static final class LinearFactory implements LayerFactory {
    @Override
    public String typeName() {
      return "test.Linear";
    }

    @Override
    public Module create(Map<String, Object> config, Map<String, Module> children) {
      return new Linear(intEntry(config, "in_features"), intEntry(config, "out_features"), 0);
    }
  }

  /** Registered for {@code test.MyLinear}. */
  public static final class MyLinearFactory implements LayerFactory {
    @Override
    public String typeName() {
      return "test.MyLinear";
    }

    @Override
    public Module create(Map<String, Object> config, Map<String, Module> children) {
      return new MyLinear(intEntry(config, "inUnits"), intEntry(config, "units"), 0);
    }
  }

  /** Registered for {@code test.ReLU}. */
  public static final class ReluFactory implements LayerFactory {
    @Override
    public String typeName() {
      return "test.ReLU";
    }

    @Override
    public Module create(Map<String, Object> config, Map<String, Module> children) {
      return new Relu();
    }
  }

  /** Registered for {@code test.Configured}: keeps the config as read back. */
  public static final class ConfiguredFactory implements LayerFactory {
    @Override
    public String typeName() {
      return "test.Configured";
    }

    @Override
    public Module create(Map<String, Object> config, Map<String, Module> children) {
      return new Configured(config);
    }
  }

  /** All parameter values of {@code module}, one after another, for comparing models. */
  static float[] values(Module module) {
    List<float[]> parts = module.namedParameters().values().stream().map(Tensor::toFloatArray).toList();
    float[] out = new float[parts.stream().mapToInt(p -> p.length).sum()];
    int at = 0;
    for (float[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }
}
