package dev.lamina.processor.model;

import dev.lamina.shapes.DeclaredShape;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;

/**
 * The {@code forward} the generated class overrides, and what it checks.
 *
 * @param method the method, or null when the layer has none
 * @param inputs forward's arguments, in order
 * @param outputShape the method's {@code @Shape}, or null when it has none
 * @param hyperparameters the int fields that the shapes use, bound before checking
 * @param prebound for each inferred name, where to read it once allocated: parameter and axis
 * @param recorded the inferred names that parameter shapes use but no always-present parameter
 *     axis holds by itself ({@code "in*in"}, or only in a {@code presentIf} parameter): their sizes
 *     are kept from the call that allocated the parameters, in this order
 * @param recordOutput the record forward returns instead of a tensor, or null
 * @param inferredOutput the shape forward's body was proven to return, when it declares none; null
 *     until the body is checked, and when nothing was proven
 */
public record ForwardModel(ExecutableElement method, List<Input> inputs,
    ShapeModel outputShape, List<String> hyperparameters, Map<String, ParamAxis> prebound,
    List<String> recorded, RecordOutput recordOutput, DeclaredShape inferredOutput) {

  /** This forward with the output shape its body was proven to return. */
  public ForwardModel withInferredOutput(DeclaredShape shape) {
    return new ForwardModel(method, inputs, outputShape, hyperparameters, prebound, recorded,
        recordOutput, shape);
  }

  /** An axis of a parameter whose size is an inferred name. */
  public record ParamAxis(String param, int axis) {}

  /**
   * One argument of forward.
   *
   * @param element the argument
   * @param shape its {@code @Shape}, or null when it has none
   * @param optional whether its {@code @Shape} says it may be null
   */
  public record Input(VariableElement element, ShapeModel shape, boolean optional) {
    /** The argument's name. */
    public String name() {
      return element.getSimpleName().toString();
    }
  }

  /** Whether forward takes more than one tensor, so that the generated class dispatches. */
  public boolean hasSeveralInputs() {
    return inputs.size() > 1;
  }

  /** Whether any argument has a {@code @Shape}. */
  public boolean hasInputShapes() {
    return inputs.stream().anyMatch(input -> input.shape() != null);
  }
}
