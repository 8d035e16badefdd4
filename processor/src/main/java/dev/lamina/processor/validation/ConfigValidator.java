package dev.lamina.processor.validation;

import dev.lamina.processor.element.LayerMembers;
import dev.lamina.processor.model.ConfigEntry;
import dev.lamina.processor.model.LayerModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Types;

/**
 * Checks that every parameter of the constructor a saved layer is rebuilt with can be read back
 * from the layer: a supported type, and a non-private instance field of the same name and type.
 */
final class ConfigValidator {
  private final Types types;

  ConfigValidator(Types types) {
    this.types = types;
  }

  ValidationReport validate(LayerModel model) {
    ValidationReport report = new ValidationReport();
    for (ConfigEntry entry : model.config()) {
      VariableElement parameter = entry.parameter();
      if (entry.kind() == null) {
        report.error(parameter, Diagnostic.CONFIG_TYPE_UNSUPPORTED, parameter.getSimpleName(),
            parameter.asType());
        continue;
      }
      String problem = fieldProblem(model.members(), parameter);
      if (problem != null) {
        report.error(parameter, Diagnostic.CONFIG_NOT_CAPTURED, parameter.getSimpleName(),
            problem);
      }
    }
    return report;
  }

  private String fieldProblem(LayerMembers members, VariableElement parameter) {
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
