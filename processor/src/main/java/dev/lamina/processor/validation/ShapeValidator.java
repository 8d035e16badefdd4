package dev.lamina.processor.validation;

import dev.lamina.shapes.Dimension;
import dev.lamina.shapes.ShapeSyntax;
import dev.lamina.shapes.ShapeSyntaxException;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;

/**
 * Checks the entries of one shape annotation, each error on the entry itself: syntax, non-positive
 * literals, {@code "..."} out of place, and names that are neither hyperparameters nor bound by
 * forward's argument.
 */
final class ShapeValidator {
  /** Where a shape is written, which decides what it may contain. */
  enum Site {
    /** {@code @Param(shape = ...)}: no "...", only known names. */
    PARAM("Param shape"),
    /** {@code @Shape} on forward's argument: "..." first, and new names bind. */
    ARGUMENT("Shape"),
    /** {@code @Shape} on forward: "..." first, only known names. */
    OUTPUT("Shape");

    private final String label;

    Site(String label) {
      this.label = label;
    }
  }

  private final ErrorReporter reporter;
  private final ShapeContext context;

  ShapeValidator(ErrorReporter reporter, ShapeContext context) {
    this.reporter = reporter;
    this.context = context;
  }

  void validate(Element element, AnnotationMirror annotation, List<AnnotationValue> items,
      Site site) {
    for (int i = 0; i < items.size(); i++) {
      AnnotationValue item = items.get(i);
      String entry = String.valueOf(item.getValue());
      if (ShapeSyntax.ELLIPSIS.equals(entry)) {
        if (site == Site.PARAM) {
          reporter.error(element, annotation, item, Diagnostic.SHAPE_ELLIPSIS_MISPLACED, site.label,
              "a parameter's shape has no leading dimensions");
        } else if (i != 0) {
          reporter.error(element, annotation, item, Diagnostic.SHAPE_ELLIPSIS_MISPLACED, site.label,
              "it is entry " + (i + 1));
        }
        continue;
      }
      Dimension dimension;
      try {
        dimension = ShapeSyntax.parse(entry);
      } catch (ShapeSyntaxException bad) {
        reporter.error(element, annotation, item, Diagnostic.SHAPE_SYNTAX, site.label, entry,
            bad.getMessage());
        continue;
      }
      for (int literal : dimension.literals()) {
        if (literal <= 0) {
          reporter.error(element, annotation, item, Diagnostic.SHAPE_NOT_POSITIVE, site.label,
              entry, literal);
        }
      }
      for (String name : dimension.names()) {
        checkName(element, annotation, item, site, entry, name, dimension.plainName() != null);
      }
    }
  }

  private void checkName(Element element, AnnotationMirror annotation, AnnotationValue item,
      Site site, String entry, String name, boolean plain) {
    if (context.isHyperparameter(name)) {
      return;
    }
    Optional<VariableElement> field = context.unusableField(name);
    if (field.isPresent()) {
      String found = field.get().asType().getKind() == TypeKind.INT
          ? "private" : String.valueOf(field.get().asType());
      reporter.error(element, annotation, item, Diagnostic.SHAPE_NAME_NOT_INT, site.label, entry,
          name, found);
      return;
    }
    boolean binds = site == Site.ARGUMENT && plain;
    if (binds || context.isBoundByArgument(name)) {
      return;
    }
    reporter.error(element, annotation, item, Diagnostic.SHAPE_UNKNOWN_NAME, site.label, entry,
        name, context.layerName(), Suggestions.didYouMean(name, context.knownNames()));
  }
}
