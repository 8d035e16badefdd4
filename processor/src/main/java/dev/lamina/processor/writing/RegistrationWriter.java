package dev.lamina.processor.writing;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import dev.lamina.processor.element.LayerMembers;
import dev.lamina.processor.element.StateNames;
import dev.lamina.processor.model.BufferModel;
import dev.lamina.processor.model.ConfigEntry;
import dev.lamina.processor.model.ConfigKind;
import dev.lamina.processor.model.LayerModel;
import dev.lamina.processor.model.ParamModel;
import dev.lamina.processor.model.TensorField;
import dev.lamina.shapes.Dimension;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.VariableElement;

/**
 * The hooks through which {@code Module} sees a generated layer: its parameters, children, config,
 * names, declared or inferred output shape, and parameter assignment for loading.
 */
final class RegistrationWriter {
  private RegistrationWriter() {}

  static List<MethodSpec> methods(LayerModel model) {
    List<MethodSpec> out = new ArrayList<>();
    if (!model.params().isEmpty()) {
      out.add(localParameters(model));
      out.addAll(ParameterHelpers.puts(model));
    }
    if (!model.buffers().isEmpty()) {
      out.add(localBuffers(model));
      if (model.buffers().stream().anyMatch(buffer -> !buffer.persistent())) {
        out.add(nonPersistentBuffers(model));
      }
      out.add(setLocalBuffer(model));
    }
    if (model.hasChildren()) {
      out.add(localChildren(model));
    }
    if (!model.params().isEmpty()) {
      out.add(setLocalParameter(model));
      out.addAll(ParameterHelpers.sets(model));
    }
    out.add(config(model));
    out.add(MethodSpec.methodBuilder("typeName").addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC).returns(String.class)
        .addStatement("return $N", GeneratedMembers.of(model).typeName()).build());
    out.add(MethodSpec.methodBuilder("displayName").addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC).returns(String.class)
        .addStatement("return $S", model.displayName()).build());
    if (model.forward().outputShape() != null) {
      out.add(outputShape(model, "declaredOutputShape",
          model.forward().outputShape().dimensions(), GeneratedMembers.of(model).outputShape()));
    }
    if (model.forward().inferredOutput() != null) {
      out.add(outputShape(model, "inferredOutputShape",
          model.forward().inferredOutput().dimensions(),
          GeneratedMembers.of(model).inferredOutputShape()));
    }
    return out;
  }

  /**
   * <pre>
   * // Example:
   * // protected Map<String, Tensor> localParameters() {
   * //   Map<String, Tensor> parameters = new LinkedHashMap<>();
   * //   parameters.put("weight", this.weight);
   * //   if (this.useBias) {
   * //     parameters.put("bias", this.bias);
   * //   }
   * //   return parameters;
   * // }
   * </pre>
   */
  private static MethodSpec localParameters(LayerModel model) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("localParameters")
        .addAnnotation(Override.class).addModifiers(Modifier.PROTECTED)
        .returns(RuntimeTypes.PARAMETER_MAP)
        .addStatement("$T parameters = new $T<>()", RuntimeTypes.PARAMETER_MAP,
            RuntimeTypes.LINKED_HASH_MAP);
    if (model.params().size() <= ShapeCode.CHUNK) {
      ParameterHelpers.addPuts(method, model.params());
    } else {
      // Example: putParameters0(parameters); one call per run of parameters.
      for (int i = 0; i < ShapeCode.chunks(model.params()).size(); i++) {
        method.addStatement("putParameters$L(parameters)", i);
      }
    }
    return method.addStatement("return parameters").build();
  }

  /**
   * The children in declaration order: each Module field, and each list or map of them as a view
   * that PyTorch would call a {@code ModuleList} or {@code ModuleDict}.
   *
   * <pre>
   * // Example:
   * // children.put("encoder", this.encoder);
   * // children.put("blocks", childList("blocks", this.blocks));
   * </pre>
   */
  private static MethodSpec localChildren(LayerModel model) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("localChildren")
        .addAnnotation(Override.class).addModifiers(Modifier.PROTECTED)
        .returns(RuntimeTypes.CHILD_MAP)
        .addStatement("$T children = new $T<>()", RuntimeTypes.CHILD_MAP,
            RuntimeTypes.LINKED_HASH_MAP);
    for (VariableElement field : model.members().fields()) {
      String name = field.getSimpleName().toString();
      if (model.children().contains(field)) {
        method.addStatement("children.put($S, this.$N)", StateNames.of(name), name);
      }
      for (LayerMembers.ChildCollection collection : model.childCollections()) {
        if (collection.field().equals(field)) {
          method.addStatement("children.put($S, $N($S, this.$N))", StateNames.of(name),
              collection.holding() == LayerMembers.Holding.LIST ? "childList" : "childMap",
              StateNames.of(name), name);
        }
      }
    }
    return method.addStatement("return children").build();
  }

  /**
   * <pre>
   * // Example:
   * // protected Map<String, Tensor> localBuffers() {
   * //   Map<String, Tensor> buffers = new LinkedHashMap<>();
   * //   buffers.put("running_mean", this.runningMean);
   * //   return buffers;
   * // }
   * </pre>
   */
  private static MethodSpec localBuffers(LayerModel model) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("localBuffers")
        .addAnnotation(Override.class).addModifiers(Modifier.PROTECTED)
        .returns(RuntimeTypes.PARAMETER_MAP)
        .addStatement("$T buffers = new $T<>()", RuntimeTypes.PARAMETER_MAP,
            RuntimeTypes.LINKED_HASH_MAP);
    for (BufferModel buffer : model.buffers()) {
      CodeBlock put = CodeBlock.of("buffers.put($S, this.$N)", buffer.key(), buffer.name());
      if (buffer.presentIf() == null) {
        method.addStatement(put);
      } else {
        method.beginControlFlow("if (this.$N)", buffer.presentIf()).addStatement(put)
            .endControlFlow();
      }
    }
    return method.addStatement("return buffers").build();
  }

  /** Example: {@code return Set.of("causal_mask");}: the buffers declared persistent = false. */
  private static MethodSpec nonPersistentBuffers(LayerModel model) {
    List<CodeBlock> names = new ArrayList<>();
    for (BufferModel buffer : model.buffers()) {
      if (!buffer.persistent()) {
        names.add(CodeBlock.of("$S", buffer.key()));
      }
    }
    return MethodSpec.methodBuilder("nonPersistentBuffers")
        .addAnnotation(Override.class).addModifiers(Modifier.PROTECTED)
        .returns(ParameterizedTypeName.get(ClassName.get(Set.class), ClassName.get(String.class)))
        .addStatement("return $T.of($L)", Set.class, CodeBlock.join(names, ", "))
        .build();
  }

  /** As {@link #setLocalParameter}, for buffers: {@code case "running_mean" -> this.runningMean = value;}. */
  private static MethodSpec setLocalBuffer(LayerModel model) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("setLocalBuffer")
        .addAnnotation(Override.class).addModifiers(Modifier.PROTECTED)
        .returns(TypeName.BOOLEAN)
        .addParameter(String.class, "name")
        .addParameter(RuntimeTypes.TENSOR, "value");
    addAssignments(method, model.buffers());
    return method.addStatement("return true").build();
  }

  /** {@code switch (name) { case "weight_ih" -> this.weightIh = value; ... default -> return false }}. */
  private static void addAssignments(MethodSpec.Builder method, List<? extends TensorField> fields) {
    method.beginControlFlow("switch (name)");
    for (TensorField field : fields) {
      method.addStatement("case $S -> this.$N = value", field.key(), field.name());
    }
    method.addCode("default -> {\n$>").addStatement("return false").addCode("$<}\n")
        .endControlFlow();
  }

  /**
   * <pre>
   * // Example:
   * // protected boolean setLocalParameter(String name, Tensor value) {
   * //   switch (name) {
   * //     case "weight" -> this.weight = value;
   * //     default -> {
   * //       return false;
   * //     }
   * //   }
   * //   return true;
   * // }
   * </pre>
   */
  private static MethodSpec setLocalParameter(LayerModel model) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("setLocalParameter")
        .addAnnotation(Override.class).addModifiers(Modifier.PROTECTED)
        .returns(TypeName.BOOLEAN)
        .addParameter(String.class, "name")
        .addParameter(RuntimeTypes.TENSOR, "value");
    if (model.params().size() <= ShapeCode.CHUNK) {
      addAssignments(method, model.params());
    } else {
      // Example: if (!setParameter0(name, value) && !setParameter1(name, value)) { return false; }
      List<CodeBlock> tries = new ArrayList<>();
      for (int i = 0; i < ShapeCode.chunks(model.params()).size(); i++) {
        tries.add(CodeBlock.of("!setParameter$L(name, value)", i));
      }
      method.beginControlFlow("if ($L)", CodeBlock.join(tries, " && "))
          .addStatement("return false")
          .endControlFlow();
    }
    if (model.hasInferredParams()) {
      List<CodeBlock> allocated = new ArrayList<>();
      for (ParamModel param : model.params()) {
        if (param.inferred() && param.presentIf() == null) {
          allocated.add(CodeBlock.of("this.$N != null", param.name()));
        }
      }
      if (!allocated.isEmpty()) {
        method.addStatement("$N = $L", GeneratedMembers.of(model).ready(),
            CodeBlock.join(allocated, " && "));
      }
      String recordedSizes = ForwardWriter.recordedSizesField(model);
      if (recordedSizes != null) {
        method.addStatement("$N = null", recordedSizes);
      }
    }
    return method.addStatement("return true").build();
  }

  /**
   * <pre>
   * // Example:
   * // public Map<String, Object> config() {
   * //   Map<String, Object> config = new LinkedHashMap<>();
   * //   config.put("inUnits", this.inUnits);
   * //   return config;
   * // }
   * </pre>
   */
  private static MethodSpec config(LayerModel model) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("config")
        .addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
        .returns(RuntimeTypes.CONFIG_MAP)
        .addStatement("$T config = new $T<>()", RuntimeTypes.CONFIG_MAP,
            RuntimeTypes.LINKED_HASH_MAP);
    for (ConfigEntry entry : model.config()) {
      if (entry.kind() == ConfigKind.CHILD) {
        continue;
      }
      String copy = entry.kind() == ConfigKind.INT_ARRAY ? ".clone()" : "";
      method.addStatement("config.put($S, this.$N$L)", entry.name(), entry.name(), copy);
    }
    return method.addStatement("return config").build();
  }

  /**
   * <pre>
   * // Example (inferredOutputShape and INFERRED_OUTPUT_SHAPE for a shape the body proves):
   * // protected List<String> declaredOutputShape() {
   * //   ShapeBindings shapes = new ShapeBindings("MyLinear");
   * //   shapes.bind("units", this.units);
   * //   return shapes.resolve(OUTPUT_SHAPE);
   * // }
   * </pre>
   */
  private static MethodSpec outputShape(LayerModel model, String hook, List<Dimension> dimensions,
      String constant) {
    MethodSpec.Builder method = MethodSpec.methodBuilder(hook)
        .addAnnotation(Override.class).addModifiers(Modifier.PROTECTED)
        .returns(RuntimeTypes.STRING_LIST)
        .addStatement("$T shapes = new $T($S)", RuntimeTypes.SHAPE_BINDINGS,
            RuntimeTypes.SHAPE_BINDINGS, model.displayName());
    Set<String> used = new LinkedHashSet<>();
    for (Dimension dimension : dimensions) {
      used.addAll(dimension.names());
    }
    for (String name : used) {
      if (model.hyperparameters().contains(name)) {
        method.addStatement("shapes.bind($S, this.$N)", name, name);
      }
    }
    return method.addStatement("return shapes.resolve($N)", constant).build();
  }
}
