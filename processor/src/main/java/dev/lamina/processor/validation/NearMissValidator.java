package dev.lamina.processor.validation;

import dev.lamina.processor.model.ForwardModel;
import dev.lamina.processor.model.LayerModel;
import dev.lamina.processor.model.ParamModel;
import dev.lamina.processor.model.ShapeEntry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Warns about a name in a shape that is legal but most likely a misspelt hyperparameter: forward's
 * {@code @Shape({"batch", "inUnit"})} in a layer with an int field {@code inUnits} binds a new size
 * instead of checking the field's, and a {@code @Param} shape using it is allocated lazily. A name
 * bound by more than one of forward's arguments is taken as meant.
 */
final class NearMissValidator {
  private NearMissValidator() {}

  static ValidationReport validate(LayerModel model) {
    ValidationReport report = new ValidationReport();
    if (model.hyperparameters().isEmpty()) {
      return report;
    }
    Map<String, Integer> bindings = argumentsBinding(model);
    Set<String> warned = new HashSet<>();
    for (ForwardModel.Input input : model.forward().inputs()) {
      if (input.shape() == null) {
        continue;
      }
      for (ShapeEntry entry : input.shape().entries()) {
        String name = entry.dimension() == null ? null : entry.dimension().plainName();
        String match = name == null ? null : nearMiss(model, name, bindings);
        if (match != null && warned.add(name)) {
          report.warning(input.element(), input.shape().annotation(), entry.value(),
              Diagnostic.SHAPE_NAME_NEAR_MISS, name, match);
        }
      }
    }
    for (ParamModel param : model.params()) {
      if (param.shape() == null) {
        continue;
      }
      for (ShapeEntry entry : param.shape().entries()) {
        if (entry.dimension() == null) {
          continue;
        }
        for (String name : entry.dimension().names()) {
          String match = model.inferredNames().contains(name) ? nearMiss(model, name, bindings)
              : null;
          if (match != null) {
            report.warning(param.field(), param.annotation(), entry.value(),
                Diagnostic.PARAM_SHAPE_NAME_NEAR_MISS, name, param.name(), param.name(), match);
          }
        }
      }
    }
    return report;
  }

  /** The hyperparameter {@code name} is a slip for, or null when it is meant as it is. */
  private static String nearMiss(LayerModel model, String name, Map<String, Integer> bindings) {
    // A field of that name (private, or not an int) is an error of its own.
    if (model.hyperparameters().contains(name) || model.members().field(name).isPresent()
        || bindings.getOrDefault(name, 0) > 1) {
      return null;
    }
    return Suggestions.nearMiss(name, model.hyperparameters());
  }

  /** For each name that forward's arguments bind, how many of them bind it. */
  private static Map<String, Integer> argumentsBinding(LayerModel model) {
    Map<String, Integer> out = new HashMap<>();
    for (ForwardModel.Input input : model.forward().inputs()) {
      if (input.shape() == null) {
        continue;
      }
      Set<String> names = new HashSet<>();
      for (ShapeEntry entry : input.shape().entries()) {
        if (entry.dimension() != null && entry.dimension().plainName() != null) {
          names.add(entry.dimension().plainName());
        }
      }
      for (String name : names) {
        out.merge(name, 1, Integer::sum);
      }
    }
    return out;
  }
}
