package dev.lamina.processor.writing;

import com.palantir.javapoet.CodeBlock;
import dev.lamina.processor.model.LayerModel;
import dev.lamina.processor.model.ParamModel;
import dev.lamina.processor.shape.Dimension;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Java expressions for shapes: names become fields, or sizes bound during the call. */
final class ShapeCode {
  private ShapeCode() {}

  /** Hyperparameters read from fields, anything else from {@code shapes}. */
  static Function<String, CodeBlock> names(LayerModel model, String bindings) {
    return name -> model.hyperparameters().contains(name)
        ? CodeBlock.of("this.$N", name)
        : CodeBlock.of("$N.get($S)", bindings, name);
  }

  /**
   * The statement that allocates one parameter.
   *
   * <pre>
   * // Example:
   * // this.bias = newParameter("bias", Init.KAIMING_UNIFORM, new int[] {this.units}, this.weight.shape());
   * </pre>
   */
  static CodeBlock allocate(ParamModel param, Function<String, CodeBlock> names) {
    List<CodeBlock> sizes = new ArrayList<>();
    for (Dimension dimension : param.dimensions()) {
      sizes.add(dimension.toJava(names));
    }
    CodeBlock shape = CodeBlock.of("new int[] {$L}", CodeBlock.join(sizes, ", "));
    if (param.fanSource() != null) {
      return CodeBlock.of("this.$N = newParameter($S, $T.$L, $L, this.$N.shape());\n", param.name(),
          param.name(), RuntimeTypes.INIT, param.init(), shape, param.fanSource());
    }
    return CodeBlock.of("this.$N = newParameter($S, $T.$L, $L);\n", param.name(), param.name(),
        RuntimeTypes.INIT, param.init(), shape);
  }

  /**
   * {@code allocate}, guarded by the parameter's {@code presentIf} flag when it has one.
   *
   * <pre>
   * // Example:
   * // if (this.useBias) {
   * //   this.bias = newParameter(...);
   * // }
   * </pre>
   */
  static CodeBlock allocateIfPresent(ParamModel param, Function<String, CodeBlock> names) {
    if (param.presentIf() == null) {
      return allocate(param, names);
    }
    return CodeBlock.builder()
        .beginControlFlow("if (this.$N)", param.presentIf())
        .add(allocate(param, names))
        .endControlFlow()
        .build();
  }

  /** The parameters in allocation order: those whose fans come from another one last. */
  static List<ParamModel> allocationOrder(List<ParamModel> params) {
    List<ParamModel> out = new ArrayList<>();
    for (ParamModel param : params) {
      if (param.fanSource() == null) {
        out.add(param);
      }
    }
    for (ParamModel param : params) {
      if (param.fanSource() != null) {
        out.add(param);
      }
    }
    return out;
  }

  /** {@code "a", "b"} as string literals, for {@code SymbolicShape.of(...)} and {@code List.of(...)}. */
  static CodeBlock literals(List<String> entries) {
    List<CodeBlock> out = new ArrayList<>();
    for (String entry : entries) {
      out.add(CodeBlock.of("$S", entry));
    }
    return CodeBlock.join(out, ", ");
  }
}
