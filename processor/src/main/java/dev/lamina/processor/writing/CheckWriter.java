package dev.lamina.processor.writing;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import dev.lamina.processor.model.ForwardModel;
import dev.lamina.processor.model.LayerModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/**
 * The shape checks of a layer as methods of their own, {@code checkInput} and {@code checkOutput}:
 * the generated forward calls them, and so can a hand-written fast path of the layer, so that every
 * path checks what the declarations say.
 */
final class CheckWriter {
  private CheckWriter() {}

  /** Whether the layer declares anything to check, or has sizes to infer. */
  static boolean hasChecks(LayerModel model) {
    ForwardModel forward = model.forward();
    return forward.hasInputShapes() || forward.outputShape() != null || forward.hasSeveralInputs();
  }

  /**
   * Whether there is anything to do after the call: an output shape to check, or sizes to keep;
   * else {@code Module}'s empty {@code checkOutput} stands.
   */
  static boolean hasOutputCheck(LayerModel model) {
    return model.forward().outputShape() != null || !model.forward().recorded().isEmpty()
        || model.forward().recordOutput() != null;
  }

  static List<MethodSpec> methods(LayerModel model) {
    List<MethodSpec> out = new ArrayList<>();
    if (hasChecks(model)) {
      out.add(checkInput(model));
    }
    if (hasOutputCheck(model)) {
      out.add(checkOutput(model));
    }
    return out;
  }

  /**
   * <pre>
   * // Example:
   * // protected ShapeBindings checkInput(Tensor x) {   // (Tensor x, Tensor h) with several
   * //   ShapeBindings shapes = new ShapeBindings("MyLinear.forward");
   * //   shapes.bind("inUnits", this.inUnits);
   * //   shapes.check("x", x, INPUT_SHAPE);
   * //   return shapes;
   * // }
   * // With inferred sizes, before the check: once allocated, the parameters fix them.
   * //   if (inferredAllocated) {
   * //     shapes.bind("in", this.weight.size(1));
   * //   }
   * //   int[] inferred = inferredSizes;   // a size used only as in "in*in"
   * //   if (inferred != null) {
   * //     shapes.bind("in", inferred[0]);
   * //   }
   * // With several arguments, each not optional is first required non-null:
   * //   Objects.requireNonNull(h, "GruCell.forward: h must not be null, because ...");
   * // and an optional one is checked only when present:
   * //   if (mask != null) {
   * //     shapes.check("mask", mask, MASK_SHAPE);
   * //   }
   * // and after the checks:
   * //   if (!inferredAllocated) {
   * //     allocateInferred(shapes);
   * //   }
   * </pre>
   */
  private static MethodSpec checkInput(LayerModel model) {
    ForwardModel forward = model.forward();
    NameAllocator names = new NameAllocator();
    List<String> arguments = new ArrayList<>();
    for (ForwardModel.Input input : forward.inputs()) {
      arguments.add(names.newName(input.name()));
    }
    String shapes = names.newName("shapes");
    String inferred = names.newName("inferred");
    MethodSpec.Builder method = MethodSpec.methodBuilder("checkInput");
    if (!forward.hasSeveralInputs()) {
      // With several, it overloads Module's checkInput(Tensor) instead.
      method.addAnnotation(Override.class);
    }
    // Module's checkInput(Tensor) is for hand-written paths in the user's class; an overload for
    // several inputs is called only by this class's forward.
    method.addModifiers(forward.hasSeveralInputs() ? Modifier.PRIVATE : Modifier.PROTECTED)
        .returns(RuntimeTypes.SHAPE_BINDINGS);
    for (String argument : arguments) {
      method.addParameter(RuntimeTypes.TENSOR, argument);
    }
    method.addStatement("$T $N = new $T($S)", RuntimeTypes.SHAPE_BINDINGS, shapes,
            RuntimeTypes.SHAPE_BINDINGS, model.displayName() + ".forward");
    for (String hyperparameter : forward.hyperparameters()) {
      method.addStatement("$N.bind($S, this.$N)", shapes, hyperparameter, hyperparameter);
    }
    if (!forward.prebound().isEmpty()) {
      // Once allocated, the parameters fix the inferred sizes, so a later input must agree.
      method.beginControlFlow("if ($N)", GeneratedMembers.of(model).ready());
      for (Map.Entry<String, ForwardModel.ParamAxis> entry : forward.prebound().entrySet()) {
        method.addStatement("$N.bind($S, this.$N.size($L))", shapes, entry.getKey(),
            entry.getValue().param(), entry.getValue().axis());
      }
      method.endControlFlow();
    }
    List<String> recorded = forward.recorded();
    if (!recorded.isEmpty()) {
      method.addStatement("int[] $N = $N", inferred, ForwardWriter.recordedSizesField(model))
          .beginControlFlow("if ($N != null)", inferred);
      for (int i = 0; i < recorded.size(); i++) {
        method.addStatement("$N.bind($S, $N[$L])", shapes, recorded.get(i), inferred, i);
      }
      method.endControlFlow();
    }
    List<String> constants = GeneratedMembers.of(model).inputShapes();
    for (int i = 0; i < arguments.size(); i++) {
      ForwardModel.Input input = forward.inputs().get(i);
      String argument = arguments.get(i);
      if (input.optional()) {
        if (input.shape() != null) {
          method.beginControlFlow("if ($N != null)", argument)
              .addStatement("$N.check($S, $N, $N)", shapes, input.name(), argument, constants.get(i))
              .endControlFlow();
        }
        continue;
      }
      if (forward.hasSeveralInputs()) {
        method.addStatement("$T.requireNonNull($N, $S)", Objects.class, argument,
            model.displayName() + ".forward: " + input.name() + " must not be null, because it is"
                + " not @Shape(optional = true)");
      }
      if (input.shape() != null) {
        method.addStatement("$N.check($S, $N, $N)", shapes, input.name(), argument, constants.get(i));
      }
    }
    if (model.hasInferredParams()) {
      method.beginControlFlow("if (!$N)", GeneratedMembers.of(model).ready())
          .addStatement("allocateInferred($N)", shapes)
          .endControlFlow();
    }
    return method.addStatement("return $N", shapes).build();
  }

  /**
   * <pre>
   * // Example:
   * // protected void checkOutput(ShapeBindings shapes, Tensor output) {
   * //   shapes.check("output", output, OUTPUT_SHAPE);
   * // }
   * // With a size used only as in "in*in", and parameters set by a load that bring no sizes,
   * // the first input they accept supplies them:
   * //   if (inferredSizes == null) {
   * //     inferredSizes = new int[] {shapes.get("in")};
   * //   }
   * </pre>
   */
  private static MethodSpec checkOutput(LayerModel model) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("checkOutput");
    if (model.forward().recordOutput() == null) {
      method.addAnnotation(Override.class).addModifiers(Modifier.PROTECTED);
    } else {
      // An overload for the record, called only by this class's forward.
      method.addModifiers(Modifier.PRIVATE);
    }
    method.addParameter(RuntimeTypes.SHAPE_BINDINGS, "shapes")
        .addParameter(RecordOutputWriter.outputType(model), "output");
    String sizes = ForwardWriter.recordedSizesField(model);
    if (sizes != null) {
      method.beginControlFlow("if ($N == null)", sizes)
          .addStatement("$N = $L", sizes,
              ForwardWriter.recordedSizes(model.forward().recorded(), "shapes"))
          .endControlFlow();
    }
    if (model.forward().outputShape() != null) {
      method.addStatement("shapes.check($S, output, $N)", "output", GeneratedMembers.of(model).outputShape());
    }
    if (model.forward().recordOutput() != null) {
      method.addCode(RecordOutputWriter.componentChecks(model));
    }
    return method.build();
  }
}
