package dev.lamina.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.lamina.processor.model.ForwardModel;
import dev.lamina.processor.model.LayerModel;
import dev.lamina.processor.model.ParamModel;
import dev.lamina.processor.model.ShapeModel;
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
    for (int i = 0; i < forward.inputs().size(); i++) {
      ShapeModel shape = forward.inputs().get(i).shape();
      if (shape != null) {
        out.add(shapeConstant(generated.inputShapes().get(i), shape.texts()));
      }
    }
    if (forward.outputShape() != null) {
      out.add(shapeConstant(generated.outputShape(), forward.outputShape().texts()));
    }
    if (forward.inferredOutput() != null) {
      // Example: ... SymbolicShape INFERRED_OUTPUT_SHAPE = SymbolicShape.of("batch", "units");
      out.add(shapeConstant(generated.inferredOutputShape(), forward.inferredOutput().entries()));
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
   * //   try {
   * //     ShapeBindings shapes = checkInput(x);   // just checkInput(x); with no output check
   * //     Tensor output = super.forward(x);
   * //     checkOutput(shapes, output);
   * //     observeOutputShape(output);
   * //     return output;
   * //   } catch (RuntimeException thrown) {
   * //     throw forwardFailed(thrown);
   * //   }
   * // }
   * </pre>
   */
  static MethodSpec forward(LayerModel model) {
    NameAllocator names = new NameAllocator();
    List<String> arguments = new ArrayList<>();
    for (ForwardModel.Input input : model.forward().inputs()) {
      arguments.add(names.newName(input.name()));
    }
    String shapes = names.newName("shapes");
    String output = names.newName("output");
    String thrown = names.newName("thrown");
    TypeName outputType = RecordOutputWriter.outputType(model);
    MethodSpec.Builder method = MethodSpec.methodBuilder("forward")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(outputType);
    for (String argument : arguments) {
      method.addParameter(RuntimeTypes.TENSOR, argument);
    }
    String call = String.join(", ", arguments);
    method.beginControlFlow("try");
    boolean outputCheck = CheckWriter.hasOutputCheck(model);
    if (outputCheck) {
      method.addStatement("$T $N = checkInput($L)", RuntimeTypes.SHAPE_BINDINGS, shapes, call);
    } else if (CheckWriter.hasChecks(model)) {
      method.addStatement("checkInput($L)", call);
    }
    method.addStatement("$T $N = super.forward($L)", outputType, output, call);
    if (outputCheck) {
      method.addStatement("checkOutput($N, $N)", shapes, output);
    }
    if (model.forward().recordOutput() == null) {
      method.addStatement("observeOutputShape($N)", output);
    }
    method.addStatement("return $N", output);
    return reportingFailures(method, thrown);
  }

  /**
   * Ends the {@code try} that forward's checks and body run in: what escapes names this layer and
   * its path in the model ({@code Module.forwardFailed}); on the normal path it costs nothing.
   */
  private static MethodSpec reportingFailures(MethodSpec.Builder method, String thrown) {
    return method.nextControlFlow("catch ($T $N)", RuntimeException.class, thrown)
        .addStatement("throw forwardFailed($N)", thrown)
        .endControlFlow()
        .build();
  }

  /**
   * What a layer whose forward takes several tensors adds: its input count, the one-tensor
   * {@code forward} every module has, refused, and the call on a list of inputs.
   *
   * <pre>
   * // Example:
   * // public int inputCount() {
   * //   return 2;
   * // }
   * // public Tensor forward(Tensor input) {
   * //   throw new IllegalArgumentException("GruCell.forward takes 2 inputs (x, h), but was given 1");
   * // }
   * // public Tensor forwardAll(List<Tensor> inputs) {
   * //   checkInputCount(inputs);
   * //   return forward(inputs.get(0), inputs.get(1));
   * // }
   * </pre>
   */
  static List<MethodSpec> severalInputs(LayerModel model) {
    if (model.forward().recordOutput() != null) {
      return RecordOutputWriter.untypedCalls(model);
    }
    List<ForwardModel.Input> inputs = model.forward().inputs();
    if (inputs.size() <= 1) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    List<CodeBlock> gets = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      names.add(inputs.get(i).name());
      gets.add(CodeBlock.of("inputs.get($L)", i));
    }
    MethodSpec count = MethodSpec.methodBuilder("inputCount")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(TypeName.INT)
        .addStatement("return $L", inputs.size())
        .build();
    MethodSpec one = MethodSpec.methodBuilder("forward")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(RuntimeTypes.TENSOR)
        .addParameter(RuntimeTypes.TENSOR, "input")
        .addStatement("throw new $T($S)", IllegalArgumentException.class,
            model.displayName() + ".forward takes " + inputs.size() + " inputs ("
                + String.join(", ", names) + "), but was given 1")
        .build();
    MethodSpec all = MethodSpec.methodBuilder("forwardAll")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(RuntimeTypes.TENSOR)
        .addParameter(ParameterizedTypeName.get(ClassName.get(List.class), RuntimeTypes.TENSOR),
            "inputs")
        .addStatement("checkInputCount(inputs)")
        .addStatement("return forward($L)", CodeBlock.join(gets, ", "))
        .build();
    return List.of(count, one, all);
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
    if (model.members().declaresResetParameters()) {
      // Example: resetParameters(); once every parameter is there, as PyTorch's lazy modules do.
      method.addStatement("resetParameters()");
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
