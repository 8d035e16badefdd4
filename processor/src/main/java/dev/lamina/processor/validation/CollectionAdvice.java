package dev.lamina.processor.validation;

import java.util.List;
import java.util.function.Predicate;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** What to write instead of a field whose modules the generated class could not register. */
final class CollectionAdvice {
  private CollectionAdvice() {}

  /** The sentence that ends {@link Diagnostic#CHILD_COLLECTION_UNSUPPORTED}, for {@code type}. */
  static String forModules(TypeMirror type, Predicate<TypeMirror> isModule) {
    TypeMirror held = null;
    if (type.getKind() == TypeKind.ARRAY) {
      held = ((ArrayType) type).getComponentType();
    } else if (type.getKind() == TypeKind.DECLARED
        && !((DeclaredType) type).getTypeArguments().isEmpty()) {
      List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
      held = arguments.get(arguments.size() - 1);
    }
    if (held == null || !isModule.test(held)) {
      return "hold each inner collection in a child layer of its own, and those layers in a"
          + " List<M> or a Map<String, M>";
    }
    String element = String.valueOf(held);
    if (type.getKind() == TypeKind.ARRAY) {
      return "use List<" + element + ">, whose modules are named 0, 1, ... in order";
    }
    if (type.getKind() == TypeKind.DECLARED) {
      DeclaredType declared = (DeclaredType) type;
      String name = ((TypeElement) declared.asElement()).getQualifiedName().toString();
      if (name.equals("java.util.Optional")) {
        return "use a field of type " + element + " that may be null; a null child is saved as null";
      }
      if (name.endsWith("Map")) {
        return "use Map<String, " + element + ">, whose modules are named by their keys";
      }
      return "use List<" + element + ">, whose modules are named 0, 1, ... in order, or"
          + " Map<String, " + element + "> to name them yourself";
    }
    return "use a List<M> or a Map<String, M> of modules";
  }
}
