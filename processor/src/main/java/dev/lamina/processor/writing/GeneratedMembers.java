package dev.lamina.processor.writing;

import com.palantir.javapoet.NameAllocator;
import dev.lamina.processor.model.LayerModel;
import javax.lang.model.element.VariableElement;

/**
 * The names of the fields the generated class adds, chosen so that none is a name of the user's
 * own: the generated code reads the user's fields and forward's argument by name, and a generated
 * field of the same name would hide them. {@code TYPE_NAME} stays {@code TYPE_NAME} unless the
 * layer has a field or an argument of that name, then it becomes {@code TYPE_NAME_}.
 */
record GeneratedMembers(String typeName, String inputShape, String outputShape, String lock,
    String ready, String sizes) {

  static GeneratedMembers of(LayerModel model) {
    NameAllocator names = new NameAllocator();
    for (VariableElement field : model.members().fields()) {
      names.newName(field.getSimpleName().toString());
    }
    if (model.forward().method() != null) {
      names.newName(model.forward().argument());
    }
    return new GeneratedMembers(names.newName("TYPE_NAME"), names.newName("INPUT_SHAPE"),
        names.newName("OUTPUT_SHAPE"), names.newName("inferredLock"),
        names.newName("inferredAllocated"), names.newName("inferredSizes"));
  }
}
