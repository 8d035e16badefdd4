package dev.lamina.processor.model;

import com.palantir.javapoet.TypeName;

/**
 * One parameter of the constructor a saved layer is rebuilt with, read back from the same-named field.
 *
 * @param name the parameter and field name, and the key in {@code config()}
 * @param kind how it is stored and read back
 * @param type its Java type (for a child, the class to check the rebuilt module against)
 */
public record ConfigEntry(String name, ConfigKind kind, TypeName type) {}
