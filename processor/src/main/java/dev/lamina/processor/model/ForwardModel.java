package dev.lamina.processor.model;

import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;

/**
 * The {@code forward(Tensor)} the generated class overrides, and what it checks.
 *
 * @param method the method, or null when the layer has none
 * @param inputShape the argument's {@code @Shape}, or null when it has none
 * @param outputShape the method's {@code @Shape}, or null when it has none
 * @param hyperparameters the int fields that the shapes use, bound before checking
 * @param prebound for each inferred name, where to read it once allocated: parameter and axis
 * @param recorded the inferred names that parameter shapes use but no always-present parameter
 *     axis holds by itself ({@code "in*in"}, or only in a {@code presentIf} parameter): their sizes
 *     are kept from the call that allocated the parameters, in this order
 */
public record ForwardModel(ExecutableElement method, ShapeModel inputShape,
    ShapeModel outputShape, List<String> hyperparameters, Map<String, ParamAxis> prebound,
    List<String> recorded) {

  /** An axis of a parameter whose size is an inferred name. */
  public record ParamAxis(String param, int axis) {}

  /** Forward's one argument, or null when there is no forward. */
  public VariableElement argumentElement() {
    return method == null ? null : method.getParameters().get(0);
  }

  /** The name of forward's argument. */
  public String argument() {
    return argumentElement().getSimpleName().toString();
  }
}
