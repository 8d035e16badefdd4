package dev.lamina.processor.writing;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import dev.lamina.processor.element.LayerMembers;
import dev.lamina.processor.model.BufferModel;
import dev.lamina.processor.model.LayerModel;
import dev.lamina.processor.model.ParamModel;
import dev.lamina.shapes.Dimension;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * One constructor per non-private constructor of the layer: it calls that constructor, checks the
 * lists and maps of children it built, allocates every parameter whose shape is known and every
 * buffer, then calls the layer's {@code resetParameters()} if it has one, so that a new layer is
 * ready to use.
 */
final class ConstructorWriter {
  private static final String HELPER = "allocateParameters";

  private ConstructorWriter() {}

  /**
   * <pre>
   * // Example:
   * // Lamina_MyLinear(int inUnits, int units) {
   * //   super(inUnits, units);
   * //   ShapeBindings shapes = new ShapeBindings("MyLinear");
   * //   shapes.bind("inUnits", this.inUnits);
   * //   shapes.bind("units", this.units);
   * //   this.weight = newParameter("weight", Init.NORMAL, shapes.sizes("weight", "inUnits", "units"));
   * //   checkChildList("blocks", this.blocks);     // for a List<Block> blocks, before the above
   * //   if (!isInitDeferred()) {                    // when the layer declares resetParameters()
   * //     resetParameters();                        // (always, for one with nothing to save)
   * //   }
   * // }
   * </pre>
   */
  static List<MethodSpec> constructors(LayerModel model) {
    List<MethodSpec> out = new ArrayList<>();
    List<ParamModel> known = known(model);
    for (ExecutableElement constructor : model.constructors()) {
      MethodSpec.Builder method = MethodSpec.constructorBuilder();
      List<CodeBlock> arguments = new ArrayList<>();
      NameAllocator names = new NameAllocator();
      for (VariableElement parameter : constructor.getParameters()) {
        names.newName(parameter.getSimpleName().toString());
        method.addParameter(ParameterSpec.builder(
            TypeName.get(parameter.asType()), parameter.getSimpleName().toString()).build());
        arguments.add(CodeBlock.of("$N", parameter.getSimpleName().toString()));
      }
      method.varargs(constructor.isVarArgs());
      for (TypeMirror thrown : constructor.getThrownTypes()) {
        method.addException(TypeName.get(thrown));
      }
      method.addStatement("super($L)", CodeBlock.join(arguments, ", "));
      for (LayerMembers.ChildCollection collection : model.childCollections()) {
        method.addStatement("$N($S, this.$N)",
            collection.holding() == LayerMembers.Holding.LIST ? "checkChildList" : "checkChildMap",
            collection.name(), collection.name());
      }
      boolean sized = model.buffers().stream().anyMatch(buffer -> !buffer.entries().isEmpty());
      if (!known.isEmpty() || sized) {
        String shapes = names.newName("shapes");
        method.addStatement("$T $N = new $T($S)", RuntimeTypes.SHAPE_BINDINGS, shapes,
            RuntimeTypes.SHAPE_BINDINGS, model.displayName());
        List<List<Dimension>> used = new ArrayList<>();
        known.forEach(param -> used.add(param.dimensions()));
        model.buffers().forEach(buffer -> used.add(buffer.dimensions()));
        for (String hyperparameter : ShapeCode.hyperparametersIn(model, used)) {
          method.addStatement("$N.bind($S, this.$N)", shapes, hyperparameter, hyperparameter);
        }
        method.addCode(ShapeCode.allocations(known, shapes, HELPER));
        for (BufferModel buffer : model.buffers()) {
          method.addCode(ShapeCode.allocateIfPresent(buffer, shapes));
        }
      } else {
        for (BufferModel buffer : model.buffers()) {
          method.addCode(ShapeCode.allocateIfPresent(buffer, "unused"));
        }
      }
      if (model.members().declaresResetParameters() && !model.hasInferredParams()) {
        // A layer rebuilt from a file takes its state from the file; one with none in it resets.
        boolean saved = !model.params().isEmpty()
            || model.buffers().stream().anyMatch(BufferModel::persistent);
        if (saved) {
          method.beginControlFlow("if (!isInitDeferred())")
              .addStatement("resetParameters()")
              .endControlFlow();
        } else {
          method.addStatement("resetParameters()");
        }
      }
      out.add(method.build());
    }
    return out;
  }

  /** The methods the constructors call to allocate, for a layer with very many parameters. */
  static List<MethodSpec> helpers(LayerModel model) {
    return ShapeCode.allocationHelpers(known(model), HELPER);
  }

  /** The parameters whose shape is known at construction, in allocation order. */
  private static List<ParamModel> known(LayerModel model) {
    List<ParamModel> known = new ArrayList<>();
    for (ParamModel param : ShapeCode.allocationOrder(model.params())) {
      if (!param.inferred()) {
        known.add(param);
      }
    }
    return known;
  }
}
