package dev.lamina.processor.validation;

import dev.lamina.processor.element.Annotations;
import dev.lamina.processor.element.LayerMembers;
import dev.lamina.processor.element.Names;
import dev.lamina.processor.element.SourceLocations;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks one {@code @Layer} class and reports every error it finds; never writes anything. The
 * caller compares {@link ErrorReporter#errorCount()} before and after to decide whether to generate.
 */
public final class LayerValidator {
  private final ErrorReporter reporter;
  private final Types types;
  private final Elements elements;
  private final SourceLocations sources;

  public LayerValidator(ErrorReporter reporter, Types types, Elements elements,
      SourceLocations sources) {
    this.reporter = reporter;
    this.types = types;
    this.elements = elements;
    this.sources = sources;
  }

  public void validate(TypeElement layer, AnnotationMirror annotation) {
    if (layer.getKind() != ElementKind.CLASS) {
      reporter.error(layer, annotation, Diagnostic.LAYER_NOT_CLASS, layer.getSimpleName(),
          kindName(layer.getKind()));
      return;
    }
    LayerMembers members = new LayerMembers(layer, types, elements);
    String generated = GeneratedNames.simpleName(layer);
    validateClass(layer, annotation, members, generated);
    validateInheritedParams(layer, annotation, members, generated);
    ShapeContext context = new ShapeContext(members, elements);
    new ParamValidator(reporter, elements, members, context, generated).validateAll();
    new ForwardValidator(reporter, elements, members, context, generated).validate();
    validateChildren(members, generated);
    new ConfigValidator(reporter, types, members).validate();
  }

  private void validateClass(TypeElement layer, AnnotationMirror annotation, LayerMembers members,
      String generated) {
    if (layer.getModifiers().contains(Modifier.PRIVATE)) {
      reporter.error(layer, annotation, Diagnostic.LAYER_PRIVATE, generated);
    }
    if (layer.getModifiers().contains(Modifier.FINAL)) {
      reporter.error(layer, annotation, Diagnostic.LAYER_FINAL, generated);
    }
    if (layer.getNestingKind() == NestingKind.MEMBER
        && !layer.getModifiers().contains(Modifier.STATIC)) {
      reporter.error(layer, annotation, Diagnostic.LAYER_INNER, layer.getSimpleName());
    }
    if (layer.getNestingKind() == NestingKind.LOCAL
        || layer.getNestingKind() == NestingKind.ANONYMOUS) {
      reporter.error(layer, annotation, Diagnostic.LAYER_INNER, layer.getSimpleName());
    }
    if (!layer.getTypeParameters().isEmpty()) {
      reporter.error(layer, annotation, Diagnostic.LAYER_GENERIC, layer.getSimpleName(),
          "<" + String.join(", ", layer.getTypeParameters().stream()
              .map(p -> p.getSimpleName().toString()).toArray(String[]::new)) + ">");
    }
    if (!members.extendsModule()) {
      reporter.error(layer, annotation, Diagnostic.LAYER_NOT_MODULE, layer.getSimpleName(),
          layer.getSuperclass());
    }
    if (!members.paramFields().isEmpty() && !layer.getModifiers().contains(Modifier.ABSTRACT)) {
      reporter.error(layer, annotation, Diagnostic.LAYER_NOT_ABSTRACT, generated,
          layer.getSimpleName());
    }
    // A private class's implicit constructor is private too: LayerPrivate already says it all.
    if (members.constructors().isEmpty() && !layer.getModifiers().contains(Modifier.PRIVATE)) {
      reporter.error(layer, annotation, Diagnostic.LAYER_NO_CONSTRUCTOR, generated,
          layer.getSimpleName());
    }
  }

  /**
   * A {@code @Param} in a superclass is the superclass's field: reported on its annotation when
   * its source is being compiled, else on this layer, which is then the nearest place to fix.
   */
  private void validateInheritedParams(TypeElement layer, AnnotationMirror annotation,
      LayerMembers members, String generated) {
    for (VariableElement field : members.inheritedParamFields()) {
      Object[] arguments = {generated, layer.getSimpleName(), field.getSimpleName(),
          field.getEnclosingElement().getSimpleName()};
      if (sources.isInSource(field)) {
        reporter.error(field, Annotations.find(field, Names.PARAM).orElse(null),
            Diagnostic.PARAM_INHERITED, arguments);
      } else {
        reporter.error(layer, annotation, Diagnostic.PARAM_INHERITED, arguments);
      }
    }
  }

  private void validateChildren(LayerMembers members, String generated) {
    for (VariableElement child : members.childFields()) {
      if (child.getModifiers().contains(Modifier.PRIVATE)) {
        reporter.error(child, Diagnostic.CHILD_PRIVATE, generated, child.getSimpleName());
      }
    }
  }

  private static String kindName(ElementKind kind) {
    switch (kind) {
      case INTERFACE:
        return "an interface";
      case ENUM:
        return "an enum";
      case ANNOTATION_TYPE:
        return "an annotation type";
      default:
        return "a " + kind.name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
