package dev.lamina.processor.model;

import dev.lamina.shapes.Dimension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the generated forward binds and checks, worked out from the parsed shapes. */
final class ForwardModels {
  private ForwardModels() {}

  /** The plain names of the arguments' shapes that are not hyperparameters: bound by the call. */
  static Set<String> inferredNames(List<ForwardModel.Input> inputs, Set<String> hyperparameters) {
    Set<String> out = new LinkedHashSet<>();
    for (ForwardModel.Input input : inputs) {
      if (input.shape() == null) {
        continue;
      }
      for (ShapeEntry entry : input.shape().entries()) {
        String name = entry.dimension() == null ? null : entry.dimension().plainName();
        if (name != null && !hyperparameters.contains(name)) {
          out.add(name);
        }
      }
    }
    return out;
  }

  /** The hyperparameters the input and output shapes (a record's too) use, in order of first use. */
  static List<String> usedHyperparameters(List<ForwardModel.Input> inputs, ShapeModel output,
      RecordOutput record, Set<String> hyperparameters) {
    Set<String> used = new LinkedHashSet<>();
    List<ShapeModel> shapes = new ArrayList<>();
    for (ForwardModel.Input input : inputs) {
      shapes.add(input.shape());
    }
    shapes.add(output);
    if (record != null) {
      for (RecordOutput.Component component : record.components()) {
        shapes.add(component.shape());
      }
    }
    for (ShapeModel shape : shapes) {
      if (shape == null) {
        continue;
      }
      for (Dimension dimension : shape.dimensions()) {
        for (String name : dimension.names()) {
          if (hyperparameters.contains(name)) {
            used.add(name);
          }
        }
      }
    }
    return new ArrayList<>(used);
  }

  /** For each inferred name, the first inferred parameter axis that is exactly that name. */
  static Map<String, ForwardModel.ParamAxis> prebound(List<ParamModel> params,
      Set<String> inferredNames) {
    Map<String, ForwardModel.ParamAxis> out = new LinkedHashMap<>();
    for (ParamModel param : params) {
      if (!param.inferred() || param.presentIf() != null) {
        continue;
      }
      List<Dimension> dimensions = param.dimensions();
      for (int axis = 0; axis < dimensions.size(); axis++) {
        String name = dimensions.get(axis).plainName();
        if (name != null && inferredNames.contains(name)) {
          out.putIfAbsent(name, new ForwardModel.ParamAxis(param.name(), axis));
        }
      }
    }
    return out;
  }

  /** The inferred names the parameters use that {@code prebound} cannot read back. */
  static List<String> recorded(List<ParamModel> params, Set<String> inferredNames,
      Set<String> prebound) {
    Set<String> out = new LinkedHashSet<>();
    for (ParamModel param : params) {
      for (Dimension dimension : param.dimensions()) {
        for (String name : dimension.names()) {
          if (inferredNames.contains(name) && !prebound.contains(name)) {
            out.add(name);
          }
        }
      }
    }
    return new ArrayList<>(out);
  }
}
