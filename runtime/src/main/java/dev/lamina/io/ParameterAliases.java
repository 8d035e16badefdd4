package dev.lamina.io;

import dev.lamina.Module;
import dev.lamina.Tensor;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The second names of parameters reachable along more than one path (a module used twice): PyTorch
 * lists such a parameter under every path, Lamina under its first only.
 *
 * <p>Modules shared in a lattice (each level {@code Sequential(previous, previous)}) have
 * exponentially many paths, as many as PyTorch's {@code state_dict} would have keys. The names are
 * counted first, visiting each module once; they are listed only when there are at most
 * {@link #MAX_NAMES}, and listing them walks only paths that end at a parameter.
 */
final class ParameterAliases {
  /** The most parameter names (first and second ones together) that are listed. */
  static final long MAX_NAMES = 100_000;

  private ParameterAliases() {}

  /**
   * Every alias name of {@code root}'s parameters, mapped to the name {@code namedParameters()}
   * uses; empty when the model has more than {@link #MAX_NAMES} names in all.
   *
   * @throws IllegalArgumentException if a module contains itself
   */
  static Map<String, String> of(Module root) {
    IdentityHashMap<Module, Long> names = new IdentityHashMap<>();
    if (count(root, "", names, new IdentityHashMap<>()) > MAX_NAMES) {
      return Map.of();
    }
    IdentityHashMap<Tensor, String> canonical = new IdentityHashMap<>();
    root.stateDict().forEach((name, tensor) -> canonical.put(tensor, name));
    Map<String, String> aliases = new LinkedHashMap<>();
    list(root, "", canonical, names, aliases);
    return aliases;
  }

  /** How many names the parameters under {@code module} have, counting each path; saturates. */
  private static long count(Module module, String path, IdentityHashMap<Module, Long> names,
      IdentityHashMap<Module, Boolean> onPath) {
    Long known = names.get(module);
    if (known != null) {
      return known;
    }
    if (onPath.put(module, Boolean.TRUE) != null) {
      throw new IllegalArgumentException(
          "module " + module.displayName() + " at \"" + path + "\" contains itself");
    }
    long total = 0;
    for (Tensor p : module.ownStateDict().values()) {
      if (p != null) {
        total++;
      }
    }
    for (Map.Entry<String, Module> child : module.children().entrySet()) {
      if (child.getValue() != null) {
        String childPath = path.isEmpty() ? child.getKey() : path + "." + child.getKey();
        total = Math.min(MAX_NAMES + 1, total + count(child.getValue(), childPath, names, onPath));
      }
    }
    onPath.remove(module);
    names.put(module, total);
    return total;
  }

  private static void list(Module module, String prefix,
      IdentityHashMap<Tensor, String> canonical, IdentityHashMap<Module, Long> names,
      Map<String, String> aliases) {
    for (Map.Entry<String, Tensor> p : module.ownStateDict().entrySet()) {
      if (p.getValue() != null) {
        String name = prefix + p.getKey();
        String first = canonical.get(p.getValue());
        if (first != null && !first.equals(name)) {
          aliases.put(name, first);
        }
      }
    }
    for (Map.Entry<String, Module> child : module.children().entrySet()) {
      Module next = child.getValue();
      if (next != null && names.get(next) > 0) {
        list(next, prefix + child.getKey() + ".", canonical, names, aliases);
      }
    }
  }
}
