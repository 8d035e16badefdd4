package dev.lamina.processor.writing;

import com.google.common.base.CaseFormat;
import com.palantir.javapoet.NameAllocator;
import dev.lamina.processor.model.ForwardModel;
import dev.lamina.processor.model.LayerModel;
import dev.lamina.processor.model.RecordOutput;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.VariableElement;

/**
 * The names of the fields the generated class adds, chosen so that none is a name of the user's
 * own: the generated code reads the user's fields and forward's arguments by name, and a generated
 * field of the same name would hide them. {@code TYPE_NAME} stays {@code TYPE_NAME} unless the
 * layer has a field or an argument of that name, then it becomes {@code TYPE_NAME_}.
 *
 * @param inputShapes the shape constant of each of forward's arguments, in order: {@code
 *     INPUT_SHAPE} for a forward of one argument, {@code X_SHAPE}, {@code H_SHAPE} for several
 * @param componentShapes the shape constant of each component of the record forward returns, in
 *     order ({@code OUTPUT_H_SHAPE}); empty when it returns a Tensor
 */
record GeneratedMembers(String typeName, List<String> inputShapes, String outputShape, String lock,
    String ready, String sizes, List<String> componentShapes, String inferredOutputShape) {

  static GeneratedMembers of(LayerModel model) {
    NameAllocator names = new NameAllocator();
    for (VariableElement field : model.members().fields()) {
      names.newName(field.getSimpleName().toString());
    }
    List<ForwardModel.Input> inputs = model.forward().inputs();
    for (ForwardModel.Input input : inputs) {
      names.newName(input.name());
    }
    String typeName = names.newName("TYPE_NAME");
    List<String> inputShapes = new ArrayList<>();
    for (ForwardModel.Input input : inputs) {
      inputShapes.add(names.newName(inputs.size() == 1 ? "INPUT_SHAPE"
          : CaseFormat.LOWER_CAMEL.to(CaseFormat.UPPER_UNDERSCORE, input.name()) + "_SHAPE"));
    }
    String outputShape = names.newName("OUTPUT_SHAPE");
    String lock = names.newName("inferredLock");
    String ready = names.newName("inferredAllocated");
    String sizes = names.newName("inferredSizes");
    List<String> componentShapes = new ArrayList<>();
    RecordOutput record = model.forward().recordOutput();
    if (record != null) {
      for (RecordOutput.Component component : record.components()) {
        componentShapes.add(names.newName("OUTPUT_"
            + CaseFormat.LOWER_CAMEL.to(CaseFormat.UPPER_UNDERSCORE, component.name()) + "_SHAPE"));
      }
    }
    String inferredOutputShape = names.newName("INFERRED_OUTPUT_SHAPE");
    return new GeneratedMembers(typeName, List.copyOf(inputShapes), outputShape, lock, ready, sizes,
        List.copyOf(componentShapes), inferredOutputShape);
  }
}
