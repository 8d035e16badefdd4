package dev.lamina.processor.writing;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.lamina.processor.model.LayerModel;
import dev.lamina.processor.model.ParamModel;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The registration of a layer's parameters in runs of {@link ShapeCode#CHUNK}, for a layer with so
 * many that one method would outgrow the 64 KB of code the JVM allows: {@code putParameters0},
 * {@code setParameter0}, ... which {@code localParameters} and {@code setLocalParameter} call.
 */
final class ParameterHelpers {
  private ParameterHelpers() {}

  /** {@code parameters.put("weight", this.weight);} for each, guarded by its presentIf. */
  static void addPuts(MethodSpec.Builder method, List<ParamModel> params) {
    for (ParamModel param : params) {
      CodeBlock put = CodeBlock.of("parameters.put($S, this.$N)", param.key(), param.name());
      if (param.presentIf() == null) {
        method.addStatement(put);
      } else {
        method.beginControlFlow("if (this.$N)", param.presentIf()).addStatement(put)
            .endControlFlow();
      }
    }
  }

  /** For a layer with very many parameters, localParameters' work in runs of them. */
  static List<MethodSpec> puts(LayerModel model) {
    List<MethodSpec> out = new ArrayList<>();
    if (model.params().size() <= ShapeCode.CHUNK) {
      return out;
    }
    List<List<ParamModel>> chunks = ShapeCode.chunks(model.params());
    for (int i = 0; i < chunks.size(); i++) {
      MethodSpec.Builder method = MethodSpec.methodBuilder("putParameters" + i)
          .addModifiers(Modifier.PRIVATE)
          .addParameter(RuntimeTypes.PARAMETER_MAP, "parameters");
      addPuts(method, chunks.get(i));
      out.add(method.build());
    }
    return out;
  }

  /** For a layer with very many parameters, setLocalParameter's switch in runs of them. */
  static List<MethodSpec> sets(LayerModel model) {
    List<MethodSpec> out = new ArrayList<>();
    if (model.params().size() <= ShapeCode.CHUNK) {
      return out;
    }
    List<List<ParamModel>> chunks = ShapeCode.chunks(model.params());
    for (int i = 0; i < chunks.size(); i++) {
      MethodSpec.Builder method = MethodSpec.methodBuilder("setParameter" + i)
          .addModifiers(Modifier.PRIVATE)
          .returns(TypeName.BOOLEAN)
          .addParameter(String.class, "name")
          .addParameter(RuntimeTypes.TENSOR, "value")
          .beginControlFlow("switch (name)");
      for (ParamModel param : chunks.get(i)) {
        method.addCode("case $S -> {\n$>", param.key())
            .addStatement("this.$N = value", param.name())
            .addStatement("return true")
            .addCode("$<}\n");
      }
      method.addCode("default -> {\n$>").addStatement("return false").addCode("$<}\n")
          .endControlFlow();
      out.add(method.build());
    }
    return out;
  }
}
