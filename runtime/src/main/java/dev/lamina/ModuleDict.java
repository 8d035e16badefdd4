package dev.lamina;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Child modules under names of their own, as PyTorch's {@code nn.ModuleDict}: the modules of a
 * {@code Map<String, Head>} field of a {@code @Layer}, so that its parameters are
 * {@code heads.digits.weight}, {@code heads.letters.weight}, in the map's order. A name must be
 * non-empty and hold no dot, as in PyTorch. It has no {@code forward} of its own.
 *
 * @param <M> the type of the modules
 */
public final class ModuleDict<M extends Module> extends Module {
  /** The name a ModuleDict is saved and registered under. */
  public static final String TYPE_NAME = "dev.lamina.ModuleDict";

  private final Map<String, ? extends M> modules;

  private ModuleDict(Map<String, ? extends M> modules) {
    this.modules = modules;
  }

  /** A dict of {@code modules}, copied in their order: later changes to the argument are not seen. */
  public static <M extends Module> ModuleDict<M> of(Map<String, ? extends M> modules) {
    Map<String, M> copy = new LinkedHashMap<>();
    for (Map.Entry<String, ? extends M> entry : modules.entrySet()) {
      String problem = problemWithName(entry.getKey());
      if (problem != null) {
        throw new IllegalArgumentException(
            "ModuleDict: name \"" + entry.getKey() + "\" is refused: " + problem);
      }
      if (entry.getValue() == null) {
        throw new IllegalArgumentException("ModuleDict: module " + entry.getKey() + " is null");
      }
      copy.put(entry.getKey(), entry.getValue());
    }
    return new ModuleDict<>(copy);
  }

  /** The modules of {@code modules} as a module, read through, as {@link ModuleList#view}. */
  public static <M extends Module> ModuleDict<M> view(Map<String, ? extends M> modules) {
    if (modules == null) {
      throw new IllegalArgumentException("ModuleDict.view: the map is null");
    }
    return new ModuleDict<>(modules);
  }

  /** Whether this is a view of {@code map} itself. */
  @SuppressWarnings("ReferenceEquality") // the same map object, not an equal one
  boolean isViewOf(Map<?, ?> map) {
    return modules == map;
  }

  /** The module named {@code name}, or null. */
  public M get(String name) {
    return modules.get(name);
  }

  /** The number of modules. */
  public int size() {
    return modules.size();
  }

  /** The modules by name, in order, unmodifiable. */
  public Map<String, M> modules() {
    return Collections.unmodifiableMap(modules);
  }

  /** Refused, as in PyTorch: a dict of modules has no computation of its own. */
  @Override
  public Tensor forward(Tensor x) {
    throw new UnsupportedOperationException(
        "ModuleDict has no forward; the layer that holds it applies its modules");
  }

  @Override
  protected Map<String, Module> localChildren() {
    return new LinkedHashMap<>(modules);
  }

  @Override
  public String typeName() {
    return TYPE_NAME;
  }

  /**
   * Why {@code name} cannot name a child ({@code "it is empty"}, {@code "it holds a dot"}), or null
   * when it can: a dotted name would be read back as a path.
   */
  static String problemWithName(String name) {
    if (name == null) {
      return "it is null";
    }
    if (name.isEmpty()) {
      return "it is empty";
    }
    if (name.indexOf('.') >= 0) {
      return "it holds a dot, which separates the parts of a path";
    }
    return null;
  }
}
