package dev.lamina.processor.validation;

import dev.lamina.processor.element.LayerMembers;
import dev.lamina.processor.element.StateNames;
import dev.lamina.processor.model.BufferModel;
import dev.lamina.processor.model.LayerModel;
import dev.lamina.processor.model.ParamModel;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.lang.model.element.VariableElement;

/**
 * Reports two fields saved under one name: parameters, buffers and children are named by their
 * fields in snake_case ({@code fooBar} and {@code foo_bar} are both {@code foo_bar}), and one
 * namespace holds them all, as in PyTorch.
 */
final class StateNameClashes {
  private StateNameClashes() {}

  static void report(ValidationReport report, LayerModel model) {
    Map<String, VariableElement> first = new LinkedHashMap<>();
    for (ParamModel param : model.params()) {
      check(report, first, param.field(), param.key());
    }
    for (BufferModel buffer : model.buffers()) {
      check(report, first, buffer.field(), buffer.key());
    }
    for (VariableElement child : model.children()) {
      check(report, first, child, StateNames.of(child.getSimpleName().toString()));
    }
    for (LayerMembers.ChildCollection collection : model.childCollections()) {
      check(report, first, collection.field(), StateNames.of(collection.name()));
    }
  }

  private static void check(ValidationReport report, Map<String, VariableElement> first,
      VariableElement field, String key) {
    VariableElement earlier = first.putIfAbsent(key, field);
    if (earlier != null && !earlier.equals(field)) { // one field both @Param and @Buffer: reported apart
      report.error(field, Diagnostic.STATE_NAME_CLASH, field.getSimpleName(),
          earlier.getSimpleName(), key);
    }
  }
}
