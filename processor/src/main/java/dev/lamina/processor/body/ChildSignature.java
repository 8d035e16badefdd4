package dev.lamina.processor.body;

import dev.lamina.processor.element.Annotations;
import dev.lamina.processor.element.LayerMembers;
import dev.lamina.processor.element.Names;
import dev.lamina.shapes.DeclaredShape;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The declared shapes of a child module's {@code forward}, as its class says them (a generated
 * layer, a built-in, a layer from a library): what a call on the child is checked against and
 * gives. Names that are the child's own int fields are sizes the parent does not know.
 *
 * @param inputs each argument's declared shape, or null where it has none
 * @param output the declared result, or null
 * @param ownSizes the names that are the child's int fields
 */
record ChildSignature(List<DeclaredShape> inputs, DeclaredShape output, Set<String> ownSizes) {
  /** The signature of {@code type}'s forward taking {@code arity} tensors, if it declares one. */
  static Optional<ChildSignature> of(TypeElement type, int arity, Types types, Elements elements) {
    LayerMembers members = new LayerMembers(type, types, elements);
    Optional<ExecutableElement> forward = members.forward()
        .filter(method -> method.getParameters().size() == arity);
    if (forward.isEmpty()) {
      return Optional.empty();
    }
    List<DeclaredShape> inputs = new ArrayList<>();
    for (VariableElement argument : forward.get().getParameters()) {
      inputs.add(shape(argument, elements));
    }
    Set<String> own = new LinkedHashSet<>();
    TypeElement current = type;
    while (current != null) {
      for (VariableElement field : ElementFilter.fieldsIn(current.getEnclosedElements())) {
        if (field.asType().getKind() == TypeKind.INT) {
          own.add(field.getSimpleName().toString());
        }
      }
      Element superclass = types.asElement(current.getSuperclass());
      current = superclass instanceof TypeElement next
          && !next.getQualifiedName().contentEquals(Names.MODULE) ? next : null;
    }
    return Optional.of(new ChildSignature(inputs, shape(forward.get(), elements), own));
  }

  private static DeclaredShape shape(Element element, Elements elements) {
    Optional<AnnotationMirror> shape = Annotations.find(element, Names.SHAPE);
    if (shape.isEmpty()) {
      return null;
    }
    Optional<AnnotationValue> value = Annotations.value(elements, shape.get(), "value");
    if (value.isEmpty()) {
      return null;
    }
    List<String> entries = new ArrayList<>();
    for (AnnotationValue item : Annotations.stringItems(value.get())) {
      entries.add(String.valueOf(item.getValue()));
    }
    try {
      return DeclaredShape.of(entries.toArray(new String[0]));
    } catch (IllegalArgumentException invalid) {
      return null; // the child's own compilation reports it
    }
  }
}
