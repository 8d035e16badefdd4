package dev.lamina.processor.validation;

import dev.lamina.processor.element.Annotations;
import dev.lamina.processor.element.LayerMembers;
import dev.lamina.processor.element.Names;
import dev.lamina.processor.element.SourceLocations;
import dev.lamina.processor.model.LayerModel;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks the model of one {@code @Layer} class and returns every error it finds, in the order of
 * the class's declarations; it never writes anything, and the model is not changed.
 */
public final class LayerValidator {
  private final Types types;
  private final Elements elements;
  private final SourceLocations sources;

  public LayerValidator(Types types, Elements elements, SourceLocations sources) {
    this.types = types;
    this.elements = elements;
    this.sources = sources;
  }

  public ValidationReport validate(LayerModel model) {
    ValidationReport report = new ValidationReport();
    TypeElement layer = model.element();
    if (layer.getKind() != ElementKind.CLASS) {
      return report.error(layer, model.annotation(), Diagnostic.LAYER_NOT_CLASS,
          layer.getSimpleName(), kindName(layer.getKind()));
    }
    LayerMembers members = model.members();
    String generated = model.generatedName();
    validateClass(report, layer, model, generated);
    validateInheritedParams(report, layer, model.annotation(), members, generated);
    report.addAll(ParamValidator.validate(model));
    report.addAll(BufferValidator.validate(model));
    report.addAll(ForwardValidator.validate(model));
    report.addAll(NearMissValidator.validate(model));
    validateChildren(report, model, generated);
    report.addAll(new ConfigValidator(types, elements).validate(model));
    return report;
  }

  private static void validateClass(ValidationReport reporter, TypeElement layer,
      LayerModel model, String generated) {
    AnnotationMirror annotation = model.annotation();
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
    if (!model.members().extendsModule()) {
      reporter.error(layer, annotation, Diagnostic.LAYER_NOT_MODULE, layer.getSimpleName(),
          layer.getSuperclass());
    }
    String registered = !model.params().isEmpty() ? "@Param fields"
        : !model.buffers().isEmpty() ? "@Buffer fields"
        : !model.childCollections().isEmpty() ? "lists or maps of children" : null;
    if (registered != null && !layer.getModifiers().contains(Modifier.ABSTRACT)) {
      reporter.error(layer, annotation, Diagnostic.LAYER_NOT_ABSTRACT, registered, generated,
          layer.getSimpleName());
    }
    // A private class's implicit constructor is private too: LayerPrivate already says it all.
    if (model.constructors().isEmpty() && !layer.getModifiers().contains(Modifier.PRIVATE)) {
      reporter.error(layer, annotation, Diagnostic.LAYER_NO_CONSTRUCTOR, generated,
          layer.getSimpleName());
    }
  }

  /**
   * A {@code @Param} in a superclass is the superclass's field: reported on its annotation when
   * its source is being compiled, else on this layer, which is then the nearest place to fix.
   */
  private void validateInheritedParams(ValidationReport reporter, TypeElement layer,
      AnnotationMirror annotation, LayerMembers members, String generated) {
    for (VariableElement field : members.inheritedParamFields()) {
      boolean param = Annotations.find(field, Names.PARAM).isPresent();
      Object[] arguments = {param ? "Param" : "Buffer", generated, layer.getSimpleName(),
          field.getSimpleName(), field.getEnclosingElement().getSimpleName()};
      if (sources.isInSource(field)) {
        reporter.error(field, Annotations.find(field, param ? Names.PARAM : Names.BUFFER).orElse(null),
            Diagnostic.PARAM_INHERITED, arguments);
      } else {
        reporter.error(layer, annotation, Diagnostic.PARAM_INHERITED, arguments);
      }
    }
  }

  private static void validateChildren(ValidationReport reporter, LayerModel model,
      String generated) {
    for (VariableElement child : model.children()) {
      if (child.getModifiers().contains(Modifier.PRIVATE)) {
        reporter.error(child, Diagnostic.CHILD_PRIVATE, generated, child.getSimpleName());
      }
    }
    for (LayerMembers.ChildCollection collection : model.childCollections()) {
      if (collection.field().getModifiers().contains(Modifier.PRIVATE)) {
        reporter.error(collection.field(), Diagnostic.CHILD_PRIVATE, generated, collection.name());
      }
    }
    for (VariableElement field : model.members().fields()) {
      if (Annotations.find(field, Names.PARAM).isPresent()
          || Annotations.find(field, Names.BUFFER).isPresent()) {
        continue; // their own checks say the field must be a Tensor
      }
      String held = model.members().unregisteredHolding(field).orElse(null);
      if ("modules".equals(held)) {
        reporter.error(field, Diagnostic.CHILD_COLLECTION_UNSUPPORTED, field.getSimpleName(),
            field.asType(), generated, CollectionAdvice.forModules(field.asType(), model.members()::isModule));
      } else if ("tensors".equals(held)) {
        reporter.error(field, Diagnostic.TENSOR_COLLECTION_UNSUPPORTED, field.getSimpleName(),
            field.asType());
      }
    }
    StateNameClashes.report(reporter, model);
  }

  private static String kindName(ElementKind kind) {
    return switch (kind) {
      case INTERFACE -> "an interface";
      case ENUM -> "an enum";
      case ANNOTATION_TYPE -> "an annotation type";
      default -> "a " + kind.name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
