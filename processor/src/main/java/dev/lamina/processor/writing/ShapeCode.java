package dev.lamina.processor.writing;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.lamina.processor.model.BufferModel;
import dev.lamina.processor.model.LayerModel;
import dev.lamina.processor.model.ParamModel;
import dev.lamina.shapes.Dimension;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/** Code for shapes: parameter allocation through the runtime's checked sizes, and entry literals. */
final class ShapeCode {
  /**
   * The most parameters one generated method handles: a parameter with a long shape costs about
   * 100 bytes of code in the constructor, and a method may have 65535.
   */
  static final int CHUNK = 200;

  private ShapeCode() {}

  /**
   * The statement that allocates one parameter, its sizes computed by the runtime's checked
   * evaluation from the names bound in {@code bindings}, so that an overflowing size is an error
   * naming the layer, the parameter and the values, never a wrapped size.
   *
   * <pre>
   * // Example:
   * // this.bias = newParameter("bias", Init.KAIMING_UNIFORM, shapes.sizes("bias", "units"), this.weight.shape());
   * </pre>
   */
  static CodeBlock allocate(ParamModel param, String bindings) {
    CodeBlock sizes = sizes(bindings, "sizes", param.key(), param.entries());
    if (param.fanSource() != null) {
      return CodeBlock.of("this.$N = newParameter($S, $T.$L, $L, this.$N.shape());\n", param.name(),
          param.key(), RuntimeTypes.INIT, param.init(), sizes, param.fanSource());
    }
    return CodeBlock.of("this.$N = newParameter($S, $T.$L, $L);\n", param.name(), param.key(),
        RuntimeTypes.INIT, param.init(), sizes);
  }

  /** {@code shapes.sizes("weight", "units", "in")}, or {@code new int[0]} for a 0-d tensor. */
  private static CodeBlock sizes(String bindings, String method, String name, List<String> entries) {
    return entries.isEmpty() ? CodeBlock.of("new int[0]")
        : CodeBlock.of("$N.$N($S, $L)", bindings, method, name, literals(entries));
  }

  /**
   * The statement that allocates one buffer, guarded by its {@code presentIf} flag when it has one.
   *
   * <pre>
   * // Example:
   * // this.runningMean = newBuffer("running_mean", Init.ZEROS, DType.FLOAT32, true, shapes.bufferSizes("running_mean", "numFeatures"));
   * </pre>
   */
  static CodeBlock allocateIfPresent(BufferModel buffer, String bindings) {
    CodeBlock allocate = CodeBlock.of("this.$N = newBuffer($S, $T.$L, $T.$L, $L, $L);\n",
        buffer.name(), buffer.key(), RuntimeTypes.INIT, buffer.init(), RuntimeTypes.DTYPE,
        buffer.dtype(), buffer.persistent(),
        sizes(bindings, "bufferSizes", buffer.key(), buffer.entries()));
    if (buffer.presentIf() == null) {
      return allocate;
    }
    return CodeBlock.builder().beginControlFlow("if (this.$N)", buffer.presentIf())
        .add(allocate).endControlFlow().build();
  }

  /** The hyperparameters that {@code params} use, in order of first use, to bind before allocating. */
  static List<String> hyperparametersUsed(LayerModel model, List<ParamModel> params) {
    List<List<Dimension>> shapes = new ArrayList<>();
    for (ParamModel param : params) {
      shapes.add(param.dimensions());
    }
    return hyperparametersIn(model, shapes);
  }

  /** The hyperparameters that {@code shapes} use, in order of first use. */
  static List<String> hyperparametersIn(LayerModel model, List<List<Dimension>> shapes) {
    Set<String> out = new LinkedHashSet<>();
    for (List<Dimension> shape : shapes) {
      for (Dimension dimension : shape) {
        for (String name : dimension.names()) {
          if (model.hyperparameters().contains(name)) {
            out.add(name);
          }
        }
      }
    }
    return new ArrayList<>(out);
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
  static CodeBlock allocateIfPresent(ParamModel param, String bindings) {
    if (param.presentIf() == null) {
      return allocate(param, bindings);
    }
    return CodeBlock.builder()
        .beginControlFlow("if (this.$N)", param.presentIf())
        .add(allocate(param, bindings))
        .endControlFlow()
        .build();
  }

  /**
   * The allocation of {@code params}: inline, or for a layer with more than
   * {@link #CHUNK} of them, calls to the {@link #allocationHelpers} named {@code helper}, so that no
   * generated method outgrows the 64 KB of code the JVM allows one.
   *
   * <pre>
   * // Example, with 3000 parameters:
   * // allocateParameters0(shapes);
   * // ...
   * // allocateParameters14(shapes);
   * </pre>
   */
  static CodeBlock allocations(List<ParamModel> params, String bindings, String helper) {
    CodeBlock.Builder code = CodeBlock.builder();
    if (params.size() <= CHUNK) {
      for (ParamModel param : params) {
        code.add(allocateIfPresent(param, bindings));
      }
      return code.build();
    }
    for (int i = 0; i < chunks(params).size(); i++) {
      code.addStatement("$N$L($N)", helper, i, bindings);
    }
    return code.build();
  }

  /** The methods {@link #allocations} calls, none for a layer with at most {@link #CHUNK}. */
  static List<MethodSpec> allocationHelpers(List<ParamModel> params, String helper) {
    List<MethodSpec> out = new ArrayList<>();
    if (params.size() <= CHUNK) {
      return out;
    }
    List<List<ParamModel>> chunks = chunks(params);
    for (int i = 0; i < chunks.size(); i++) {
      MethodSpec.Builder method = MethodSpec.methodBuilder(helper + i)
          .addModifiers(Modifier.PRIVATE)
          .addParameter(RuntimeTypes.SHAPE_BINDINGS, "shapes");
      for (ParamModel param : chunks.get(i)) {
        method.addCode(allocateIfPresent(param, "shapes"));
      }
      out.add(method.build());
    }
    return out;
  }

  /** {@code items} in runs of {@link #CHUNK}, the statements of one generated helper each. */
  static <T> List<List<T>> chunks(List<T> items) {
    List<List<T>> out = new ArrayList<>();
    for (int start = 0; start < items.size(); start += CHUNK) {
      out.add(items.subList(start, Math.min(items.size(), start + CHUNK)));
    }
    return out;
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
