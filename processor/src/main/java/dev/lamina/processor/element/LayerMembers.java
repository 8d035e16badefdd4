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

  /** The declared fields annotated {@code @Buffer}. */
  public List<VariableElement> bufferFields() {
    List<VariableElement> out = new ArrayList<>();
    for (VariableElement field : fields()) {
      if (Annotations.find(field, Names.BUFFER).isPresent()) {
        out.add(field);
      }
    }
    return out;
  }

  /**
   * The fields annotated {@code @Param} or {@code @Buffer} in superclasses below {@code Module},
   * nearest superclass first: the generated class registers only its layer's own fields, so these
   * would be ignored.
   */
  public List<VariableElement> inheritedParamFields() {
    List<VariableElement> out = new ArrayList<>();
    TypeElement type = superclassBelowModule(layer);
    while (type != null) {
      for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
        if (Annotations.find(field, Names.PARAM).isPresent()
            || Annotations.find(field, Names.BUFFER).isPresent()) {
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

  /** How a field holds child modules: one module, a list of them, or a map from names to them. */
  public enum Holding {
    /** A {@code Module} field. */
    MODULE,
    /** A {@code List<M>} field, registered as a {@code ModuleList}: {@code blocks.0}, ... */
    LIST,
    /** A {@code Map<String, M>} field, registered as a {@code ModuleDict}: {@code heads.name}. */
    MAP
  }

  /**
   * A field that holds a collection of child modules.
   *
   * @param field the field
   * @param holding a list or a map
   * @param elementType the type of the modules it holds, as the field declares it
   */
  public record ChildCollection(VariableElement field, Holding holding, TypeMirror elementType) {
    public String name() {
      return field.getSimpleName().toString();
    }
  }

  /**
   * The declared instance fields that are a {@code List} of modules or a {@code Map} from
   * {@code String} to modules (or a subtype of either, with the module type an upper bound at most).
   */
  public List<ChildCollection> childCollections() {
    List<ChildCollection> out = new ArrayList<>();
    for (VariableElement field : fields()) {
      if (field.getModifiers().contains(Modifier.STATIC)) {
        continue;
      }
      Optional<ChildCollection> holding = childCollection(field);
      holding.ifPresent(out::add);
    }
    return out;
  }

  private Optional<ChildCollection> childCollection(VariableElement field) {
    TypeMirror type = field.asType();
    DeclaredType list = asSuper(type, Names.LIST);
    if (list != null && list.getTypeArguments().size() == 1) {
      TypeMirror element = upperBound(list.getTypeArguments().get(0));
      if (element != null && isModule(element)) {
        return Optional.of(new ChildCollection(field, Holding.LIST, element));
      }
    }
    DeclaredType map = asSuper(type, Names.MAP);
    if (map != null && map.getTypeArguments().size() == 2
        && isNamed(map.getTypeArguments().get(0), "java.lang.String")) {
      TypeMirror element = upperBound(map.getTypeArguments().get(1));
      if (element != null && isModule(element)) {
        return Optional.of(new ChildCollection(field, Holding.MAP, element));
      }
    }
    return Optional.empty();
  }

  /**
   * What the declared instance field {@code field} holds that the generated class would not
   * register: {@code "modules"} or {@code "tensors"} when its type mentions {@code Module} or
   * {@code Tensor} inside an array, a collection, an optional or any other generic type, and is not
   * a module, a tensor, or a {@link #childCollections() collection of children}; else empty.
   */
  public Optional<String> unregisteredHolding(VariableElement field) {
    TypeMirror type = field.asType();
    if (field.getModifiers().contains(Modifier.STATIC) || isModule(type) || isTensor(type)
        || childCollection(field).isPresent()) {
      return Optional.empty();
    }
    if (mentions(type, this::isModule, 0)) {
      return Optional.of("modules");
    }
    if (mentions(type, this::isTensor, 0)) {
      return Optional.of("tensors");
    }
    return Optional.empty();
  }

  /** The containers whose elements would go unregistered: none of them is a module. */
  private static final List<String> CONTAINERS = List.of("java.lang.Iterable", "java.util.Map",
      "java.util.Optional", "java.util.stream.BaseStream");

  /**
   * Whether {@code type} is an array or a container (an {@code Iterable}, {@code Map},
   * {@code Optional} or stream) with, inside it, a type that {@code test} accepts. Other generic
   * types, such as a {@code UnaryOperator<Tensor>} activation, hold no state and are not searched.
   */
  private boolean mentions(TypeMirror type, Predicate<TypeMirror> test, int depth) {
    if (depth > 32) {
      return false;
    }
    List<TypeMirror> inside = new ArrayList<>();
    if (type.getKind() == TypeKind.ARRAY) {
      inside.add(((javax.lang.model.type.ArrayType) type).getComponentType());
    } else if (type.getKind() == TypeKind.DECLARED && isContainer(type)) {
      inside.addAll(((DeclaredType) type).getTypeArguments());
    }
    for (TypeMirror element : inside) {
      if (element.getKind() == TypeKind.WILDCARD) {
        javax.lang.model.type.WildcardType wildcard = (javax.lang.model.type.WildcardType) element;
        element = wildcard.getExtendsBound() != null ? wildcard.getExtendsBound()
            : wildcard.getSuperBound();
        if (element == null) {
          continue;
        }
      }
      if (test.test(element) || mentions(element, test, depth + 1)) {
        return true;
      }
    }
    return false;
  }

  private boolean isContainer(TypeMirror type) {
    for (String name : CONTAINERS) {
      TypeElement container = elements.getTypeElement(name);
      if (container != null
          && types.isAssignable(types.erasure(type), types.erasure(container.asType()))) {
        return true;
      }
    }
    return false;
  }

  /** {@code type} seen as the generic type named {@code qualifiedName}, or null if it is not one. */
  private DeclaredType asSuper(TypeMirror type, String qualifiedName) {
    TypeElement target = elements.getTypeElement(qualifiedName);
    if (target == null || type.getKind() != TypeKind.DECLARED
        || !types.isAssignable(types.erasure(type), types.erasure(target.asType()))) {
      return null;
    }
    List<TypeMirror> pending = new ArrayList<>();
    pending.add(type);
    for (int visited = 0; !pending.isEmpty() && visited < 256; visited++) {
      TypeMirror next = pending.remove(0);
      if (next.getKind() == TypeKind.DECLARED && isNamed(next, qualifiedName)) {
        return (DeclaredType) next;
      }
      pending.addAll(types.directSupertypes(next));
    }
    return null;
  }

  /** A type argument's type: itself, or the bound of {@code ? extends T}; null for others. */
  private static TypeMirror upperBound(TypeMirror argument) {
    if (argument.getKind() == TypeKind.WILDCARD) {
      return ((javax.lang.model.type.WildcardType) argument).getExtendsBound();
    }
    return argument.getKind() == TypeKind.DECLARED ? argument : null;
  }

  /**
   * Whether the layer, or a superclass below {@code Module}, declares {@code resetParameters()}:
   * the generated class then calls it once the parameters are allocated.
   */
  public boolean declaresResetParameters() {
    TypeElement type = layer;
    while (type != null) {
      for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
        if (method.getSimpleName().contentEquals("resetParameters")
            && method.getParameters().isEmpty()) {
          return true;
        }
      }
      type = superclassBelowModule(type);
    }
    return false;
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
