package dev.lamina.processor.model;

import dev.lamina.shapes.Dimension;
import java.util.List;

/**
 * One {@code @Param} field as the writers need it.
 *
 * @param name the field, and the parameter's name in state dicts
 * @param entries the shape as written
 * @param dimensions the shape, parsed
 * @param init the {@code Init} constant's name
 * @param presentIf the boolean field that decides whether the layer has it, or null
 * @param fanSource the parameter whose shape gives this one's fans (a bias takes its weight's), or null
 * @param inferred whether it is allocated on the first call, because its shape or its fan source
 *     uses a name that only forward's argument binds
 */
public record ParamModel(String name, List<String> entries, List<Dimension> dimensions,
    String init, String presentIf, String fanSource, boolean inferred) {}
