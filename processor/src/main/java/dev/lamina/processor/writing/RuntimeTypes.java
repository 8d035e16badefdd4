package dev.lamina.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;

/** The runtime types generated code refers to, by name (the processor does not link against them). */
final class RuntimeTypes {
  static final ClassName MODULE = ClassName.get("dev.lamina", "Module");
  static final ClassName TENSOR = ClassName.get("dev.lamina", "Tensor");
  static final ClassName INIT = ClassName.get("dev.lamina.annotations", "Init");
  static final ClassName DTYPE = ClassName.get("dev.lamina.annotations", "DType");
  static final ClassName MODULE_LIST = ClassName.get("dev.lamina", "ModuleList");
  static final ClassName MODULE_DICT = ClassName.get("dev.lamina", "ModuleDict");
  static final ClassName SHAPE_BINDINGS = ClassName.get("dev.lamina.shape", "ShapeBindings");
  static final ClassName SYMBOLIC_SHAPE = ClassName.get("dev.lamina.shape", "SymbolicShape");
  static final ClassName LAYER_FACTORY = ClassName.get("dev.lamina.registry", "LayerFactory");
  static final ClassName CONFIG_READER = ClassName.get("dev.lamina.registry", "ConfigReader");
  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
  static final ClassName LINKED_HASH_MAP = ClassName.get("java.util", "LinkedHashMap");
  static final ClassName LIST = ClassName.get("java.util", "List");

  static final TypeName STRING_LIST = ParameterizedTypeName.get(LIST, ClassName.get(String.class));
  static final TypeName PARAMETER_MAP =
      ParameterizedTypeName.get(ClassName.get("java.util", "Map"), ClassName.get(String.class), TENSOR);
  static final TypeName CHILD_MAP =
      ParameterizedTypeName.get(ClassName.get("java.util", "Map"), ClassName.get(String.class), MODULE);
  static final TypeName CONFIG_MAP = ParameterizedTypeName.get(ClassName.get("java.util", "Map"),
      ClassName.get(String.class), ClassName.get(Object.class));

  private RuntimeTypes() {}
}
