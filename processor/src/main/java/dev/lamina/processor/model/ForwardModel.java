package dev.lamina.processor.model;

import java.util.List;
import java.util.Map;

/**
 * What the generated {@code forward} checks.
 *
 * @param argument the name of forward's argument
 * @param inputShape the argument's {@code @Shape} entries, or null when it has none
 * @param outputShape the method's {@code @Shape} entries, or null when it has none
 * @param hyperparameters the int fields that the shapes use, bound before checking
 * @param prebound for each inferred name, where to read it once allocated: parameter and axis
 */
public record ForwardModel(String argument, List<String> inputShape, List<String> outputShape,
    List<String> hyperparameters, Map<String, ParamAxis> prebound) {

  /** An axis of a parameter whose size is an inferred name. */
  public record ParamAxis(String param, int axis) {}
}
