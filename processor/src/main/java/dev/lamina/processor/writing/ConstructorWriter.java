package dev.lamina.processor.writing;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import dev.lamina.processor.model.LayerModel;
import dev.lamina.processor.model.ParamModel;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * One constructor per non-private constructor of the layer: it calls that constructor, then
 * allocates every parameter whose shape is known, so that a new layer is ready to use.
 */
final class ConstructorWriter {
  private ConstructorWriter() {}

  /**
   * <pre>
   * // Example:
   * // Lamina_MyLinear(int inUnits, int units) {
   * //   super(inUnits, units);
   * //   this.weight = newParameter("weight", Init.NORMAL, new int[] {this.inUnits, this.units});
   * // }
   * </pre>
   */
  static List<MethodSpec> constructors(LayerModel model) {
    List<MethodSpec> out = new ArrayList<>();
    for (ExecutableElement constructor : model.constructors()) {
      MethodSpec.Builder method = MethodSpec.constructorBuilder();
      List<CodeBlock> arguments = new ArrayList<>();
      for (VariableElement parameter : constructor.getParameters()) {
        method.addParameter(ParameterSpec.builder(
            TypeName.get(parameter.asType()), parameter.getSimpleName().toString()).build());
        arguments.add(CodeBlock.of("$N", parameter.getSimpleName().toString()));
      }
      method.varargs(constructor.isVarArgs());
      for (TypeMirror thrown : constructor.getThrownTypes()) {
        method.addException(TypeName.get(thrown));
      }
      method.addStatement("super($L)", CodeBlock.join(arguments, ", "));
      for (ParamModel param : ShapeCode.allocationOrder(model.params())) {
        if (!param.inferred()) {
          method.addCode(ShapeCode.allocateIfPresent(param, ShapeCode.names(model, "shapes")));
        }
      }
      out.add(method.build());
    }
    return out;
  }
}
