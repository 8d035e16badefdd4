package dev.lamina.io;

import dev.lamina.Module;
import dev.lamina.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each checkpoint key of a model lands: the module and the own parameter or persistent
 * buffer a dotted name walks to, and the name it is known by in {@link Module#stateDict()}. A module used twice is reachable along many paths (a
 * lattice of shared modules along exponentially many), so names are resolved by walking them, one
 * step per dot, never by listing every path.
 */
final class ParameterSlots {
  /**
   * One parameter or buffer of one module: allocated ({@code current} non-null) or a parameter still
   * to be inferred.
   */
  static final class Slot {
    final Module module;
    final String local;
    final String name;
    final Tensor current;
    final boolean buffer;

    Slot(Module module, String local, String name, Tensor current, boolean buffer) {
      this.module = module;
      this.local = local;
      this.name = name;
      this.current = current;
      this.buffer = buffer;
    }

    boolean isLazy() {
      return current == null;
    }

    /** Gives the slot its values, as {@link Module#loadParameter} or {@link Module#loadBuffer}. */
    void load(Tensor values) {
      if (buffer) {
        module.loadBuffer(local, values);
      } else {
        module.loadParameter(local, values);
      }
    }
  }

  private final Module root;
  private final Map<String, Tensor> parameters;
  private final IdentityHashMap<Tensor, String> nameOfTensor = new IdentityHashMap<>();
  private final IdentityHashMap<Module, String> pathOf = new IdentityHashMap<>();
  private final IdentityHashMap<Module, Map<String, Tensor>> own = new IdentityHashMap<>();
  private final IdentityHashMap<Module, Map<String, Module>> children = new IdentityHashMap<>();
  private final IdentityHashMap<Module, java.util.Set<String>> parameterNames =
      new IdentityHashMap<>();

  ParameterSlots(Module root) {
    this.root = root;
    this.parameters = root.stateDict();
    parameters.forEach((name, tensor) -> nameOfTensor.put(tensor, name));
    root.namedModules().forEach((path, module) -> pathOf.put(module, path));
  }

  /** Every allocated parameter and persistent buffer under its name, as {@link Module#stateDict()}. */
  Map<String, Tensor> parameters() {
    return parameters;
  }

  /** The slot {@code dottedName} walks to, or null when it names no parameter of the model. */
  Slot resolve(String dottedName) {
    Module module = root;
    String rest = dottedName;
    while (true) {
      Map<String, Tensor> mine = own(module);
      if (mine.containsKey(rest)) {
        return slot(module, rest, mine.get(rest), !parameterNames(module).contains(rest));
      }
      int dot = rest.indexOf('.');
      if (dot < 0) {
        return null;
      }
      Module child = children(module).get(rest.substring(0, dot));
      if (child == null) {
        return null;
      }
      module = child;
      rest = rest.substring(dot + 1);
    }
  }

  /** For each module with parameters still to be inferred, its slots, by the module's first path. */
  List<List<Slot>> lazySlotsByModule() {
    List<List<Slot>> out = new ArrayList<>();
    for (Module module : pathOf.keySet()) {
      List<Slot> lazy = new ArrayList<>();
      for (Map.Entry<String, Tensor> p : own(module).entrySet()) {
        if (p.getValue() == null) {
          lazy.add(slot(module, p.getKey(), null, false));
        }
      }
      if (!lazy.isEmpty()) {
        out.add(lazy);
      }
    }
    return out;
  }

  private Slot slot(Module module, String local, Tensor current, boolean buffer) {
    String name;
    if (current != null) {
      name = nameOfTensor.get(current);
    } else {
      String path = pathOf.get(module);
      name = path.isEmpty() ? local : path + "." + local;
    }
    return new Slot(module, local, name, current, buffer);
  }

  private Map<String, Tensor> own(Module module) {
    return own.computeIfAbsent(module, m -> new LinkedHashMap<>(m.ownStateDict()));
  }

  private java.util.Set<String> parameterNames(Module module) {
    return parameterNames.computeIfAbsent(module, m -> m.ownParameters().keySet());
  }

  private Map<String, Module> children(Module module) {
    return children.computeIfAbsent(module, Module::children);
  }
}
