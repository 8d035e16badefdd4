package dev.lamina.processor.validation;

import dev.lamina.processor.element.Annotations;
import dev.lamina.processor.element.LayerMembers;
import dev.lamina.processor.element.Names;
import dev.lamina.shapes.Dimension;
import dev.lamina.shapes.ShapeSyntax;
import dev.lamina.shapes.ShapeSyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.Elements;

/**
 * What names a shape entry of one layer may use: its non-private int fields (hyperparameters) and the
 * plain names that the {@code @Shape} of forward's argument binds.
 */
final class ShapeContext {
  private final LayerMembers members;
  private final Set<String> hyperparameters = new LinkedHashSet<>();
  private final Set<String> argumentNames = new LinkedHashSet<>();

  ShapeContext(LayerMembers members, Elements elements) {
    this.members = members;
    for (VariableElement field : members.fields()) {
      if (field.asType().getKind() == TypeKind.INT
          && !field.getModifiers().contains(Modifier.PRIVATE)) {
        hyperparameters.add(field.getSimpleName().toString());
      }
    }
    Optional<ExecutableElement> forward = members.forward();
    if (forward.isPresent()) {
      VariableElement argument = forward.get().getParameters().get(0);
      Optional<AnnotationMirror> shape = Annotations.find(argument, Names.SHAPE);
      if (shape.isPresent()) {
        Optional<AnnotationValue> value = Annotations.value(elements, shape.get(), "value");
        if (value.isPresent()) {
          for (AnnotationValue item : Annotations.stringItems(value.get())) {
            String name = plainNameOrNull(String.valueOf(item.getValue()));
            if (name != null && !hyperparameters.contains(name)) {
              argumentNames.add(name);
            }
          }
        }
      }
    }
  }

  boolean isHyperparameter(String name) {
    return hyperparameters.contains(name);
  }

  boolean isBoundByArgument(String name) {
    return argumentNames.contains(name);
  }

  /** Every name an entry may use, for "did you mean". */
  List<String> knownNames() {
    List<String> out = new ArrayList<>(hyperparameters);
    out.addAll(argumentNames);
    return out;
  }

  /** A field of that name that is not a usable hyperparameter (not an int, or private), if any. */
  Optional<VariableElement> unusableField(String name) {
    return members.field(name).filter(field -> !hyperparameters.contains(name));
  }

  String layerName() {
    return members.layer().getSimpleName().toString();
  }

  private static String plainNameOrNull(String entry) {
    if (ShapeSyntax.ELLIPSIS.equals(entry)) {
      return null;
    }
    try {
      Dimension dimension = ShapeSyntax.parse(entry);
      return dimension.plainName();
    } catch (ShapeSyntaxException bad) {
      return null;
    }
  }
}
