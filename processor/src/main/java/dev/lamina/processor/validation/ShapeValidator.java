package dev.lamina.processor.validation;

import dev.lamina.processor.model.LayerModel;
import dev.lamina.processor.model.ShapeEntry;
import dev.lamina.processor.model.ShapeModel;
import dev.lamina.shapes.ShapeArithmeticException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    /** {@code @Buffer(shape = ...)}: as a parameter's, but only hyperparameters and literals. */
    BUFFER("Buffer shape"),
    /** {@code @Shape} on forward's argument: "..." first, and new names bind. */
    ARGUMENT("Shape"),
    /** {@code @Shape} on forward: "..." first, only known names. */
    OUTPUT("Shape");

    private final String label;

    Site(String label) {
      this.label = label;
    }
  }

  private ShapeValidator() {}

  static void validate(ValidationReport report, LayerModel model, ShapeModel shape, Site site) {
    List<ShapeEntry> entries = shape.entries();
    for (int i = 0; i < entries.size(); i++) {
      ShapeEntry entry = entries.get(i);
      Located at = new Located(report, shape, entry, site);
      if (entry.isEllipsis()) {
        if (site == Site.PARAM || site == Site.BUFFER) {
          at.error(Diagnostic.SHAPE_ELLIPSIS_MISPLACED, site.label,
              "a parameter's shape has no leading dimensions");
        } else if (i != 0) {
          at.error(Diagnostic.SHAPE_ELLIPSIS_MISPLACED, site.label, "it is entry " + (i + 1));
        }
        continue;
      }
      if (entry.syntaxError() != null) {
        at.error(Diagnostic.SHAPE_SYNTAX, site.label, entry.written(), entry.syntaxError());
        continue;
      }
      boolean positive = true;
      for (int literal : entry.dimension().literals()) {
        if (literal <= 0) {
          at.error(Diagnostic.SHAPE_NOT_POSITIVE, site.label, entry.written(), literal);
          positive = false;
        }
      }
      if (site == Site.PARAM && positive && entry.dimension().names().isEmpty()) {
        checkKnownSize(at, entry);
      }
      for (String name : entry.dimension().names()) {
        checkName(at, model, name, entry.dimension().plainName() != null);
      }
    }
  }

  /**
   * An entry of literals only ({@code "7/2"}) has its size now: the evaluation that allocates it
   * at run time, run at compile time, so that it fails here instead.
   */
  private static void checkKnownSize(Located at, ShapeEntry entry) {
    String problem;
    try {
      int size = entry.dimension().evaluateSize(name -> null);
      problem = size > 0 ? null : "it is " + size;
    } catch (ShapeArithmeticException invalid) {
      problem = invalid.getMessage();
    }
    if (problem != null) {
      at.error(Diagnostic.PARAM_SHAPE_SIZE_INVALID, entry.written(), problem);
    }
  }

  private static void checkName(Located at, LayerModel model, String name, boolean plain) {
    if (model.hyperparameters().contains(name)) {
      return;
    }
    Optional<VariableElement> field = model.members().field(name);
    if (field.isPresent()) {
      String found = field.get().asType().getKind() == TypeKind.INT
          ? "private" : String.valueOf(field.get().asType());
      at.error(Diagnostic.SHAPE_NAME_NOT_INT, at.site.label, at.entry.written(), name, found);
      return;
    }
    boolean binds = at.site == Site.ARGUMENT && plain;
    if (at.site == Site.BUFFER && model.inferredNames().contains(name)) {
      at.error(Diagnostic.BUFFER_SHAPE_INFERRED, at.entry.written(), name);
      return;
    }
    if (binds || model.inferredNames().contains(name)) {
      return;
    }
    List<String> known = new ArrayList<>(model.hyperparameters());
    known.addAll(model.inferredNames());
    at.error(Diagnostic.SHAPE_UNKNOWN_NAME, at.site.label, at.entry.written(), name,
        model.displayName(), Suggestions.didYouMean(name, known));
  }

  /** An entry of a shape, where its errors point. */
  private record Located(ValidationReport report, ShapeModel shape, ShapeEntry entry, Site site) {
    void error(Diagnostic diagnostic, Object... arguments) {
      report.error(shape.element(), shape.annotation(), entry.value(), diagnostic, arguments);
    }
  }
}
