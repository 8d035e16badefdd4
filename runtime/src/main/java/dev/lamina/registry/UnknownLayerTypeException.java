package dev.lamina.registry;

import java.util.Set;

/**
 * A saved model names a layer type that is not registered: the file may be sound, but the class
 * path lacks the {@code @Layer} class (or it was compiled without the Lamina processor).
 */
public final class UnknownLayerTypeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String typeName;
  private final Set<String> knownTypes;

  UnknownLayerTypeException(String typeName, Set<String> knownTypes) {
    super("unknown layer type \"" + typeName + "\": it is not registered; known types are "
        + knownTypes + " (is the @Layer class on the class path, compiled with the Lamina processor?)");
    this.typeName = typeName;
    this.knownTypes = Set.copyOf(knownTypes);
  }

  /** The type the file names. */
  public String typeName() {
    return typeName;
  }

  /** The types that are registered. */
  public Set<String> knownTypes() {
    return knownTypes;
  }
}
