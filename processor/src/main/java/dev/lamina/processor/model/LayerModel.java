package dev.lamina.processor.model;

import com.palantir.javapoet.ClassName;
import dev.lamina.processor.element.GeneratedNames;
import dev.lamina.processor.element.LayerMembers;
import dev.lamina.shapes.DeclaredShape;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * One {@code @Layer} class, read once: what validation checks and, once it is clean, what the
 * writers generate {@code Lamina_<Name>} from. It can be built for any class, valid or not: an
 * entry that does not parse is recorded as such, a missing forward or constructor is null. Once
 * clean, checking forward's body completes it with the output shape it proves
 * ({@link #withInferredOutput}).
 *
 * @param element the user's class, the one originating element of the generated file
 * @param annotation its {@code @Layer}, where class-level errors point
 * @param members the class's members as found, for checks that need the elements themselves
 * @param layerClass the user's class, or null when it cannot be named (a local class)
 * @param generatedClass the class to generate, in the same package, or null with layerClass
 * @param typeName the name the layer is registered and saved under
 * @param constructors the non-private constructors to mirror
 * @param rebuildConstructor the one a saved layer is rebuilt with, or null when there is none
 * @param params the {@code @Param} fields in declaration order
 * @param buffers the {@code @Buffer} fields in declaration order
 * @param children the child module fields in declaration order
 * @param childCollections the fields holding lists and maps of child modules, in declaration order
 * @param config the parameters of the rebuild constructor whose kind is supported, in order
 * @param hyperparameters the names of the layer's non-private int fields, which shapes may use
 * @param inferredNames the plain names forward's argument binds that are not hyperparameters
 * @param forward forward and its shapes
 */
public record LayerModel(TypeElement element, AnnotationMirror annotation, LayerMembers members,
    ClassName layerClass, ClassName generatedClass, String typeName,
    List<ExecutableElement> constructors, ExecutableElement rebuildConstructor,
    List<ParamModel> params, List<BufferModel> buffers, List<VariableElement> children,
    List<LayerMembers.ChildCollection> childCollections, List<ConfigEntry> config,
    Set<String> hyperparameters, Set<String> inferredNames, ForwardModel forward) {

  /** The user's simple class name, shown in errors, {@code toString} and summaries. */
  public String displayName() {
    return element.getSimpleName().toString();
  }

  /** The simple name of the generated class, as messages show it. */
  public String generatedName() {
    return GeneratedNames.simpleName(element);
  }

  /** Whether the layer has child modules, in fields or in collections. */
  public boolean hasChildren() {
    return !children.isEmpty() || !childCollections.isEmpty();
  }

  /**
   * This model completed with what checking forward's body proved it returns: the writers show it
   * where the layer declares no output shape.
   */
  public LayerModel withInferredOutput(DeclaredShape shape) {
    return new LayerModel(element, annotation, members, layerClass, generatedClass, typeName,
        constructors, rebuildConstructor, params, buffers, children, childCollections, config,
        hyperparameters, inferredNames, forward.withInferredOutput(shape));
  }

  /** Whether some parameters are allocated on the first call. */
  public boolean hasInferredParams() {
    return params.stream().anyMatch(ParamModel::inferred);
  }
}
