package dev.lamina.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Everything the writers need to generate {@code Lamina_<Name>} for one valid {@code @Layer} class.
 *
 * @param element the user's class, the one originating element of the generated file
 * @param layerClass the user's class
 * @param generatedClass the class to generate, in the same package
 * @param typeName the name the layer is registered and saved under
 * @param constructors the non-private constructors to mirror
 * @param rebuildConstructor the one a saved layer is rebuilt with
 * @param params the {@code @Param} fields in declaration order
 * @param children the child module fields in declaration order
 * @param config the parameters of the rebuild constructor, in order
 * @param hyperparameters the names of the layer's int fields that shapes may use
 * @param forward what the generated forward checks
 */
public record LayerModel(TypeElement element, ClassName layerClass, ClassName generatedClass,
    String typeName, List<ExecutableElement> constructors, ExecutableElement rebuildConstructor,
    List<ParamModel> params, List<String> children, List<ConfigEntry> config,
    Set<String> hyperparameters, ForwardModel forward) {

  /** The user's simple class name, shown in errors, {@code toString} and summaries. */
  public String displayName() {
    return layerClass.simpleName();
  }

  /** Whether some parameters are allocated on the first call. */
  public boolean hasInferredParams() {
    return params.stream().anyMatch(ParamModel::inferred);
  }
}
