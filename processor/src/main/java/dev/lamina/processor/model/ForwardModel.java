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
 * @param recorded the inferred names that parameter shapes use but no always-present parameter
 *     axis holds by itself ({@code "in*in"}, or only in a {@code presentIf} parameter): their sizes
 *     are kept from the call that allocated the parameters, in this order
 */
public record ForwardModel(String argument, List<String> inputShape, List<String> outputShape,
    List<String> hyperparameters, Map<String, ParamAxis> prebound, List<String> recorded) {

  /** An axis of a parameter whose size is an inferred name. */
  public record ParamAxis(String param, int axis) {}
}
