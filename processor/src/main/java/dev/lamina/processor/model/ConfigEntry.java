package dev.lamina.processor.model;

import com.palantir.javapoet.TypeName;
import javax.lang.model.element.VariableElement;

/**
 * One parameter of the constructor a saved layer is rebuilt with, read back from the same-named field.
 *
 * @param parameter the constructor parameter
 * @param kind how it is stored and read back, or null when a layer with it cannot be rebuilt
 * @param type its Java type (for a child, the class to check the rebuilt module against), or null
 *     with kind
 */
public record ConfigEntry(VariableElement parameter, ConfigKind kind, TypeName type) {
  /** The parameter and field name, and the key in {@code config()}. */
  public String name() {
    return parameter.getSimpleName().toString();
  }
}
