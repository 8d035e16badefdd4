package dev.lamina.processor.validation;

import dev.lamina.processor.model.LayerModel;
import java.util.HashMap;
import java.util.Map;

/**
 * Which layer each generated class name belongs to, over the whole compilation: {@code Outer.In}
 * and {@code Outer_In} in one package both map to {@code Lamina_Outer_In}, and the second must be
 * told so instead of failing to create the file.
 */
public final class GeneratedNameClaims {
  /** Generated class → the layer that claimed it, both by qualified name (elements change per round). */
  private final Map<String, String> claimed = new HashMap<>();

  /** Claims the generated name of {@code model}; an error when another layer has it already. */
  public ValidationReport claim(LayerModel model) {
    ValidationReport report = new ValidationReport();
    if (model.generatedClass() == null) {
      return report;
    }
    String generated = model.generatedClass().canonicalName();
    String layer = model.element().getQualifiedName().toString();
    String previous = claimed.putIfAbsent(generated, layer);
    if (previous != null && !previous.equals(layer)) {
      report.error(model.element(), model.annotation(), Diagnostic.LAYER_NAME_CLASH, layer,
          previous, model.generatedClass().simpleName());
    }
    return report;
  }
}
