package dev.lamina.processor.validation;

import dev.lamina.processor.element.LayerMembers;
import dev.lamina.processor.model.ConfigEntry;
import dev.lamina.processor.model.ConfigKind;
import dev.lamina.processor.model.LayerModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks that every parameter of the constructor a saved layer is rebuilt with can be read back
 * from the layer: a supported type, and a non-private instance field of the same name and type.
 */
final class ConfigValidator {
  private final Types types;
  private final Elements elements;

  ConfigValidator(Types types, Elements elements) {
    this.types = types;
    this.elements = elements;
  }

  ValidationReport validate(LayerModel model) {
    ValidationReport report = new ValidationReport();
    if (model.rebuildConstructor() != null) {
      validateThrows(report, model);
    }
    for (ConfigEntry entry : model.config()) {
      VariableElement parameter = entry.parameter();
      if (entry.kind() == null) {
        report.error(parameter, Diagnostic.CONFIG_TYPE_UNSUPPORTED, parameter.getSimpleName(),
            parameter.asType());
        continue;
      }
      if (entry.kind() == ConfigKind.ENUM) {
        Element type = types.asElement(parameter.asType());
        for (Element enclosing = type; enclosing instanceof TypeElement;
            enclosing = enclosing.getEnclosingElement()) {
          if (enclosing.getModifiers().contains(Modifier.PRIVATE)) {
            report.error(parameter, Diagnostic.CONFIG_ENUM_PRIVATE, parameter.getSimpleName(),
                model.generatedName(), enclosing.getSimpleName());
            break;
          }
        }
      }
      String problem = fieldProblem(model.members(), parameter);
      if (problem != null) {
        report.error(parameter, Diagnostic.CONFIG_NOT_CAPTURED, parameter.getSimpleName(),
            problem);
      }
    }
    return report;
  }

  /** The rebuilding factory calls the constructor where a checked exception cannot go. */
  private void validateThrows(ValidationReport report, LayerModel model) {
    List<String> checked = new ArrayList<>();
    for (TypeMirror thrown : model.rebuildConstructor().getThrownTypes()) {
      if (!isUnchecked(thrown)) {
        checked.add(String.valueOf(thrown));
      }
    }
    if (!checked.isEmpty()) {
      report.error(model.rebuildConstructor(), Diagnostic.CONFIG_CONSTRUCTOR_THROWS,
          model.displayName() + model.rebuildConstructor().getParameters().stream()
              .map(parameter -> String.valueOf(parameter.asType()))
              .collect(java.util.stream.Collectors.joining(", ", "(", ")")),
          String.join(", ", checked));
    }
  }

  private boolean isUnchecked(TypeMirror thrown) {
    TypeElement runtime = elements.getTypeElement("java.lang.RuntimeException");
    TypeElement error = elements.getTypeElement("java.lang.Error");
    return types.isSubtype(thrown, runtime.asType()) || types.isSubtype(thrown, error.asType());
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
