package dev.lamina.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.lamina.processor.element.Annotations;
import dev.lamina.processor.model.ForwardModel;
import dev.lamina.processor.model.LayerModel;
import dev.lamina.processor.model.RecordOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/**
 * What a layer whose forward returns a record of tensors adds: a shape constant per checked
 * component, the checks of the components after the call, and the untyped calls every module has
 * ({@code forward(Tensor)}, {@code forwardAll}), refused, since they return one Tensor.
 */
final class RecordOutputWriter {
  private RecordOutputWriter() {}

  /** The type the generated forward returns: the record, or Tensor. */
  static TypeName outputType(LayerModel model) {
    RecordOutput record = model.forward().recordOutput();
    return record == null ? RuntimeTypes.TENSOR : ClassName.get(record.record());
  }

  /** Example: {@code private static final SymbolicShape OUTPUT_H_SHAPE = SymbolicShape.of("batch", "hidden");} */
  static List<FieldSpec> fields(LayerModel model) {
    List<FieldSpec> out = new ArrayList<>();
    RecordOutput record = model.forward().recordOutput();
    if (record == null) {
      return out;
    }
    List<String> constants = GeneratedMembers.of(model).componentShapes();
    for (int i = 0; i < record.components().size(); i++) {
      RecordOutput.Component component = record.components().get(i);
      if (component.shape() != null) {
        out.add(FieldSpec.builder(RuntimeTypes.SYMBOLIC_SHAPE, constants.get(i),
                Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer("$T.of($L)", RuntimeTypes.SYMBOLIC_SHAPE,
                ShapeCode.literals(component.shape().texts()))
            .build());
      }
    }
    return out;
  }

  /**
   * The checks of the components, in {@code checkOutput(ShapeBindings shapes, State output)}.
   *
   * <pre>
   * // Example:
   * // Objects.requireNonNull(output, "LstmCell.forward returned null instead of a State");
   * // Objects.requireNonNull(output.h(), "LstmCell.forward returned a State whose h is null");
   * // shapes.check("output.h", output.h(), OUTPUT_H_SHAPE);
   * // if (output.mask() != null) {   // a component whose @Shape is optional
   * //   shapes.check("output.mask", output.mask(), OUTPUT_MASK_SHAPE);
   * // }
   * </pre>
   */
  static CodeBlock componentChecks(LayerModel model) {
    RecordOutput record = model.forward().recordOutput();
    String where = model.displayName() + ".forward";
    CodeBlock.Builder code = CodeBlock.builder()
        .addStatement("$T.requireNonNull(output, $S)", Objects.class,
            where + " returned null instead of a " + record.displayName());
    List<String> constants = GeneratedMembers.of(model).componentShapes();
    for (int i = 0; i < record.components().size(); i++) {
      RecordOutput.Component component = record.components().get(i);
      if (component.shape() == null) {
        continue;
      }
      CodeBlock check = CodeBlock.of("shapes.check($S, output.$N(), $N);\n",
          "output." + component.name(), component.name(), constants.get(i));
      if (isOptional(component)) {
        code.beginControlFlow("if (output.$N() != null)", component.name()).add(check)
            .endControlFlow();
      } else {
        code.addStatement("$T.requireNonNull(output.$N(), $S)", Objects.class, component.name(),
            where + " returned a " + record.displayName() + " whose " + component.name()
                + " is null, but its @Shape is not optional")
            .add(check);
      }
    }
    return code.build();
  }

  private static boolean isOptional(RecordOutput.Component component) {
    return Annotations.explicitValue(component.shape().annotation(), "optional")
        .map(value -> Boolean.TRUE.equals(value.getValue())).orElse(false);
  }

  /**
   * <pre>
   * // Example:
   * // public int inputCount() {
   * //   return 3;
   * // }
   * // public Tensor forward(Tensor input) {
   * //   throw new UnsupportedOperationException("LstmCell.forward returns a State, not a Tensor: call forward(x, h, c)");
   * // }
   * // public Tensor forwardAll(List<Tensor> inputs) {
   * //   throw new UnsupportedOperationException(...the same...);
   * // }
   * </pre>
   */
  static List<MethodSpec> untypedCalls(LayerModel model) {
    List<String> names = new ArrayList<>();
    for (ForwardModel.Input input : model.forward().inputs()) {
      names.add(input.name());
    }
    String refusal = model.displayName() + ".forward returns a "
        + model.forward().recordOutput().displayName() + ", not a Tensor: call forward("
        + String.join(", ", names) + ")";
    MethodSpec count = MethodSpec.methodBuilder("inputCount")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(TypeName.INT)
        .addStatement("return $L", names.size())
        .build();
    MethodSpec one = MethodSpec.methodBuilder("forward")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(RuntimeTypes.TENSOR)
        .addParameter(RuntimeTypes.TENSOR, "input")
        .addStatement("throw new $T($S)", UnsupportedOperationException.class, refusal)
        .build();
    MethodSpec all = MethodSpec.methodBuilder("forwardAll")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(RuntimeTypes.TENSOR)
        .addParameter(ParameterizedTypeName.get(ClassName.get(List.class), RuntimeTypes.TENSOR),
            "inputs")
        .addStatement("throw new $T($S)", UnsupportedOperationException.class, refusal)
        .build();
    return List.of(count, one, all);
  }
}
