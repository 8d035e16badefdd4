package dev.lamina.processor.writing;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeName;
import dev.lamina.processor.model.ForwardModel;
import dev.lamina.processor.model.LayerModel;
import dev.lamina.processor.model.ParamModel;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The {@code forward} override that checks shapes around the user's {@code forward}, and the lazy
 * allocation of parameters whose shape the first call decides.
 */
final class ForwardWriter {
  private static final String INFERRED_HELPER = "allocateInferredParameters";

  private ForwardWriter() {}

  /**
   * <pre>
   * // Example:
   * // private static final SymbolicShape INPUT_SHAPE = SymbolicShape.of("batch", "inUnits");
   * // private final Object inferredLock = new Object();
   * // private volatile boolean inferredAllocated;
   * // private volatile int[] inferredSizes;
   * </pre>
   */
  static List<FieldSpec> fields(LayerModel model) {
    List<FieldSpec> out = new ArrayList<>();
    ForwardModel forward = model.forward();
    GeneratedMembers generated = GeneratedMembers.of(model);
    if (forward.inputShape() != null) {
      out.add(shapeConstant(generated.inputShape(), forward.inputShape().texts()));
    }
    if (forward.outputShape() != null) {
      out.add(shapeConstant(generated.outputShape(), forward.outputShape().texts()));
    }
    if (model.hasInferredParams()) {
      out.add(FieldSpec.builder(Object.class, generated.lock(), Modifier.PRIVATE, Modifier.FINAL)
          .initializer("new Object()").build());
      out.add(FieldSpec.builder(TypeName.BOOLEAN, generated.ready(), Modifier.PRIVATE, Modifier.VOLATILE)
          .build());
    }
    if (!forward.recorded().isEmpty()) {
      out.add(FieldSpec.builder(int[].class, generated.sizes(), Modifier.PRIVATE, Modifier.VOLATILE).build());
    }
    return out;
  }

  private static FieldSpec shapeConstant(String name, List<String> entries) {
    return FieldSpec.builder(RuntimeTypes.SYMBOLIC_SHAPE, name,
            Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("$T.of($L)", RuntimeTypes.SYMBOLIC_SHAPE, ShapeCode.literals(entries))
        .build();
  }

  /**
   * <pre>
   * // Example:
   * // public Tensor forward(Tensor x) {
   * //   ShapeBindings shapes = checkInput(x);   // just checkInput(x); with no output check
   * //   Tensor output = super.forward(x);
   * //   checkOutput(shapes, output);
   * //   observeOutputShape(output);
   * //   return output;
   * // }
   * </pre>
   */
  static MethodSpec forward(LayerModel model) {
    NameAllocator names = new NameAllocator();
    String argument = names.newName(model.forward().argument());
    String shapes = names.newName("shapes");
    String output = names.newName("output");
    MethodSpec.Builder method = MethodSpec.methodBuilder("forward")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(RuntimeTypes.TENSOR)
        .addParameter(RuntimeTypes.TENSOR, argument);
    boolean outputCheck = CheckWriter.hasOutputCheck(model);
    if (outputCheck) {
      method.addStatement("$T $N = checkInput($N)", RuntimeTypes.SHAPE_BINDINGS, shapes, argument);
    } else if (CheckWriter.hasChecks(model)) {
      method.addStatement("checkInput($N)", argument);
    }
    method.addStatement("$T $N = super.forward($N)", RuntimeTypes.TENSOR, output, argument);
    if (outputCheck) {
      method.addStatement("checkOutput($N, $N)", shapes, output);
    }
    method.addStatement("observeOutputShape($N)", output);
    method.addStatement("return $N", output);
    return method.build();
  }

  /**
   * <pre>
   * // Example:
   * // private void allocateInferred(ShapeBindings shapes) {
   * //   synchronized (inferredLock) {
   * //     if (!inferredAllocated) {
   * //       this.weight = newParameter("weight", Init.KAIMING_UNIFORM, shapes.sizes("weight", "out", "in"));
   * //       inferredSizes = new int[] {shapes.get("in")}; // when a size is used only as in "in*in"
   * //       inferredAllocated = true;
   * //     }
   * //   }
   * // }
   * </pre>
   */
  static MethodSpec allocateInferred(LayerModel model) {
    GeneratedMembers generated = GeneratedMembers.of(model);
    MethodSpec.Builder method = MethodSpec.methodBuilder("allocateInferred")
        .addModifiers(Modifier.PRIVATE)
        .addParameter(RuntimeTypes.SHAPE_BINDINGS, "shapes")
        .beginControlFlow("synchronized ($N)", generated.lock())
        .beginControlFlow("if (!$N)", generated.ready());
    List<ParamModel> inferred = inferred(model);
    for (String hyperparameter : ShapeCode.hyperparametersUsed(model, inferred)) {
      if (!model.forward().hyperparameters().contains(hyperparameter)) {
        method.addStatement("shapes.bind($S, this.$N)", hyperparameter, hyperparameter);
      }
    }
    method.addCode(ShapeCode.allocations(inferred, "shapes", INFERRED_HELPER));
    if (!model.forward().recorded().isEmpty()) {
      method.addStatement("$N = $L", generated.sizes(), recordedSizes(model.forward().recorded(), "shapes"));
    }
    return method.addStatement("$N = true", generated.ready())
        .endControlFlow()
        .endControlFlow()
        .build();
  }

  /** The methods allocateInferred calls, for a layer with very many inferred parameters. */
  static List<MethodSpec> inferredHelpers(LayerModel model) {
    return ShapeCode.allocationHelpers(inferred(model), INFERRED_HELPER);
  }

  private static List<ParamModel> inferred(LayerModel model) {
    List<ParamModel> inferred = new ArrayList<>();
    for (ParamModel param : ShapeCode.allocationOrder(model.params())) {
      if (param.inferred()) {
        inferred.add(param);
      }
    }
    return inferred;
  }

  /** {@code new int[] {shapes.get("in")}}: the recorded names' sizes, in order. */
  static CodeBlock recordedSizes(List<String> recorded, String bindings) {
    List<CodeBlock> sizes = new ArrayList<>();
    for (String name : recorded) {
      sizes.add(CodeBlock.of("$N.get($S)", bindings, name));
    }
    return CodeBlock.of("new int[] {$L}", CodeBlock.join(sizes, ", "));
  }

  /** The sizes kept from the allocating call, or null when there are none. */
  static String recordedSizesField(LayerModel model) {
    return model.forward().recorded().isEmpty() ? null : GeneratedMembers.of(model).sizes();
  }
}
