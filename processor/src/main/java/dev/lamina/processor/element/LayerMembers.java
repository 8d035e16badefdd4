package dev.lamina.processor.element;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The members of a {@code @Layer} class that the processor cares about, found without judging them:
 * validation decides what is wrong with them, the model reads them once they are right.
 */
public final class LayerMembers {
  private final TypeElement layer;
  private final Types types;
  private final Elements elements;

  public LayerMembers(TypeElement layer, Types types, Elements elements) {
    this.layer = layer;
    this.types = types;
    this.elements = elements;
  }

  public TypeElement layer() {
    return layer;
  }

  /** The declared fields, in declaration order. */
  public List<VariableElement> fields() {
    return ElementFilter.fieldsIn(layer.getEnclosedElements());
  }

  /** The declared fields annotated {@code @Param}. */
  public List<VariableElement> paramFields() {
    List<VariableElement> out = new ArrayList<>();
    for (VariableElement field : fields()) {
      if (Annotations.find(field, Names.PARAM).isPresent()) {
        out.add(field);
      }
    }
    return out;
  }

  /**
   * The fields annotated {@code @Param} in superclasses below {@code Module}, nearest superclass
   * first: the generated class registers only its layer's own fields, so these would be ignored.
   */
  public List<VariableElement> inheritedParamFields() {
    List<VariableElement> out = new ArrayList<>();
    TypeElement type = superclassBelowModule(layer);
    while (type != null) {
      for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
        if (Annotations.find(field, Names.PARAM).isPresent()) {
          out.add(field);
        }
      }
      type = superclassBelowModule(type);
    }
    return out;
  }

  /** The declared instance fields whose type is a {@code Module}: the children. */
  public List<VariableElement> childFields() {
    List<VariableElement> out = new ArrayList<>();
    for (VariableElement field : fields()) {
      if (!field.getModifiers().contains(Modifier.STATIC) && isModule(field.asType())) {
        out.add(field);
      }
    }
    return out;
  }

  /** The declared field named {@code name}, if any. */
  public Optional<VariableElement> field(String name) {
    for (VariableElement field : fields()) {
      if (field.getSimpleName().contentEquals(name)) {
        return Optional.of(field);
      }
    }
    return Optional.empty();
  }

  /** The non-private constructors, in declaration order: those the generated class mirrors. */
  public List<ExecutableElement> constructors() {
    List<ExecutableElement> out = new ArrayList<>();
    for (ExecutableElement constructor : ElementFilter.constructorsIn(layer.getEnclosedElements())) {
      if (!constructor.getModifiers().contains(Modifier.PRIVATE)) {
        out.add(constructor);
      }
    }
    return out;
  }

  /**
   * The constructor a saved layer is rebuilt with: the one with the most parameters, the first
   * declared among equals.
   */
  public Optional<ExecutableElement> rebuildConstructor() {
    ExecutableElement best = null;
    for (ExecutableElement constructor : constructors()) {
      if (best == null || constructor.getParameters().size() > best.getParameters().size()) {
        best = constructor;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * The {@code forward} the generated class overrides: declared here, else inherited from a
   * superclass below {@code Module}. A {@code forward(Tensor)} comes first, then one taking several
   * tensors; failing both, a {@code forward} the layer declares with other arguments, so that the
   * validators can say what is wrong with it.
   */
  public Optional<ExecutableElement> forward() {
    Optional<ExecutableElement> one = findForward(method -> isForward(method)
        && method.getParameters().size() == 1);
    if (one.isPresent()) {
      return one;
    }
    Optional<ExecutableElement> several = findForward(this::isForward);
    if (several.isPresent()) {
      return several;
    }
    return ElementFilter.methodsIn(layer.getEnclosedElements()).stream()
        .filter(method -> method.getSimpleName().contentEquals("forward"))
        .findFirst();
  }

  private Optional<ExecutableElement> findForward(Predicate<ExecutableElement> accepts) {
    TypeElement type = layer;
    while (type != null && !type.getQualifiedName().contentEquals(Names.MODULE)) {
      for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
        if (accepts.test(method)) {
          return Optional.of(method);
        }
      }
      TypeMirror superclass = type.getSuperclass();
      type = superclass.getKind() == TypeKind.DECLARED
          ? (TypeElement) ((DeclaredType) superclass).asElement() : null;
    }
    return Optional.empty();
  }

  /** Whether {@code method} is a {@code forward} taking one or more {@code Tensor}s and nothing else. */
  public boolean isForward(ExecutableElement method) {
    return method.getSimpleName().contentEquals("forward")
        && !method.getParameters().isEmpty()
        && method.getParameters().stream().allMatch(argument -> isTensor(argument.asType()));
  }

  public boolean isTensor(TypeMirror type) {
    return isNamed(type, Names.TENSOR);
  }

  /** Whether {@code type} is {@code Module} or a subclass of it. */
  public boolean isModule(TypeMirror type) {
    TypeElement module = elements.getTypeElement(Names.MODULE);
    return module != null && type.getKind() == TypeKind.DECLARED
        && types.isAssignable(types.erasure(type), types.erasure(module.asType()));
  }

  /** Whether the class extends {@code Module}. */
  public boolean extendsModule() {
    return isModule(layer.asType());
  }

  /** Whether any type the processor needs from this class has not resolved (yet). */
  public boolean hasUnresolvedTypes() {
    if (layer.getSuperclass().getKind() == TypeKind.ERROR) {
      return true;
    }
    for (Element member : layer.getEnclosedElements()) {
      if (member.getKind() == ElementKind.FIELD && member.asType().getKind() == TypeKind.ERROR) {
        return true;
      }
      if (member instanceof ExecutableElement executable) {
        if (executable.getReturnType().getKind() == TypeKind.ERROR) {
          return true;
        }
        for (VariableElement parameter : executable.getParameters()) {
          if (parameter.asType().getKind() == TypeKind.ERROR) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static TypeElement superclassBelowModule(TypeElement type) {
    TypeMirror superclass = type.getSuperclass();
    if (superclass.getKind() != TypeKind.DECLARED) {
      return null;
    }
    TypeElement element = (TypeElement) ((DeclaredType) superclass).asElement();
    return element.getQualifiedName().contentEquals(Names.MODULE)
        || element.getQualifiedName().contentEquals("java.lang.Object") ? null : element;
  }

  private static boolean isNamed(TypeMirror type, String qualifiedName) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName()
            .contentEquals(qualifiedName);
  }
}
