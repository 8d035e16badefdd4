package dev.lamina.io;

import dev.lamina.Module;
import dev.lamina.Tensor;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The second names of parameters reachable along more than one path (a module used twice): PyTorch
 * lists such a parameter under every path, Lamina under its first only.
 */
final class ParameterAliases {
  private ParameterAliases() {}

  /** Every alias name of {@code root}'s parameters, mapped to the name {@code namedParameters()} uses. */
  static Map<String, String> of(Module root) {
    Map<Tensor, String> canonical = new IdentityHashMap<>();
    root.namedParameters().forEach((name, tensor) -> canonical.put(tensor, name));
    Map<String, String> aliases = new LinkedHashMap<>();
    visit(root, "", canonical, aliases, new IdentityHashMap<>());
    return aliases;
  }

  private static void visit(Module module, String prefix, Map<Tensor, String> canonical,
      Map<String, String> aliases, Map<Module, Boolean> onPath) {
    if (onPath.put(module, Boolean.TRUE) != null) {
      throw new IllegalArgumentException(
          "module " + module.displayName() + " at \"" + prefix + "\" contains itself");
    }
    for (Map.Entry<String, Tensor> p : module.namedParameters().entrySet()) {
      // Own parameters have undotted names; dotted ones belong to children, visited below.
      if (p.getKey().indexOf('.') < 0) {
        String name = prefix + p.getKey();
        String first = canonical.get(p.getValue());
        if (first != null && !first.equals(name)) {
          aliases.put(name, first);
        }
      }
    }
    for (Map.Entry<String, Module> child : module.children().entrySet()) {
      if (child.getValue() != null) {
        visit(child.getValue(), prefix + child.getKey() + ".", canonical, aliases, onPath);
      }
    }
    onPath.remove(module);
  }
}
