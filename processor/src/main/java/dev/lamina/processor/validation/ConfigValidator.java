package dev.lamina.processor.validation;

import dev.lamina.processor.element.LayerMembers;
import dev.lamina.processor.model.ConfigKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Types;

/**
 * Checks that every parameter of the constructor a saved layer is rebuilt with can be read back
 * from the layer: a supported type, and a non-private instance field of the same name and type.
 */
final class ConfigValidator {
  private final ErrorReporter reporter;
  private final Types types;
  private final LayerMembers members;

  ConfigValidator(ErrorReporter reporter, Types types, LayerMembers members) {
    this.reporter = reporter;
    this.types = types;
    this.members = members;
  }

  void validate() {
    Optional<ExecutableElement> constructor = members.rebuildConstructor();
    if (constructor.isEmpty()) {
      return;
    }
    for (VariableElement parameter : constructor.get().getParameters()) {
      if (ConfigKind.of(parameter.asType(), members).isEmpty()) {
        reporter.error(parameter, Diagnostic.CONFIG_TYPE_UNSUPPORTED, parameter.getSimpleName(),
            parameter.asType());
        continue;
      }
      String problem = fieldProblem(parameter);
      if (problem != null) {
        reporter.error(parameter, Diagnostic.CONFIG_NOT_CAPTURED, parameter.getSimpleName(),
            problem);
      }
    }
  }

  private String fieldProblem(VariableElement parameter) {
    String name = parameter.getSimpleName().toString();
    Optional<VariableElement> field = members.field(name);
    if (field.isEmpty()) {
      List<String> names = new ArrayList<>();
      for (VariableElement candidate : members.fields()) {
        if (types.isSameType(candidate.asType(), parameter.asType())) {
          names.add(candidate.getSimpleName().toString());
        }
      }
      return members.layer().getSimpleName() + " has no field " + name
          + Suggestions.didYouMean(name, names);
    }
    if (field.get().getModifiers().contains(Modifier.PRIVATE)) {
      // A private child is reported as ChildPrivate; once fixed, it is captured too.
      return members.isModule(field.get().asType()) ? null : "field " + name + " is private";
    }
    if (field.get().getModifiers().contains(Modifier.STATIC)) {
      return "field " + name + " is static";
    }
    if (!types.isSameType(field.get().asType(), parameter.asType())) {
      return "field " + name + " is " + field.get().asType();
    }
    return null;
  }
}
