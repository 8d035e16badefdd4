package dev.lamina.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.lamina.processor.element.Annotations;
import dev.lamina.processor.element.GeneratedNames;
import dev.lamina.processor.element.LayerMembers;
import dev.lamina.processor.element.Names;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Builds the one {@link LayerModel} of a {@code @Layer} class, before anything is checked: it
 * never throws on bad input, so validation and generation read the same model.
 */
public final class LayerModelBuilder {
  /** Inits whose scale depends on fans; a 1-d parameter with one of them takes its weight's fans. */
  private static final Set<String> FAN_INITS =
      Set.of("XAVIER_UNIFORM", "XAVIER_NORMAL", "KAIMING_UNIFORM", "KAIMING_NORMAL");

  private final Types types;
  private final Elements elements;
  private final ShapeModels shapes;

  public LayerModelBuilder(Types types, Elements elements) {
    this.types = types;
    this.elements = elements;
    this.shapes = new ShapeModels(elements);
  }

  public LayerModel build(TypeElement layer, AnnotationMirror annotation) {
    LayerMembers members = new LayerMembers(layer, types, elements);
    ClassName layerClass = nameable(layer) ? ClassName.get(layer) : null;
    ClassName generated = layerClass == null
        ? null : ClassName.get(layerClass.packageName(), GeneratedNames.simpleName(layer));
    Set<String> hyperparameters = hyperparameters(members);
    ExecutableElement forward = members.forward().orElse(null);
    List<ForwardModel.Input> inputs = inputs(forward);
    ShapeModel output = forward == null ? null : shapes.shapeAnnotation(forward);
    Set<String> inferredNames = ForwardModels.inferredNames(inputs, hyperparameters);
    List<ParamModel> params = params(members, inferredNames);
    Map<String, ForwardModel.ParamAxis> prebound = ForwardModels.prebound(params, inferredNames);
    RecordOutput record = recordOutput(forward, members);
    ForwardModel forwardModel = new ForwardModel(forward, inputs, output,
        ForwardModels.usedHyperparameters(inputs, output, record, hyperparameters), prebound,
        ForwardModels.recorded(params, inferredNames, prebound.keySet()), record, null);
    ExecutableElement rebuild = members.rebuildConstructor().orElse(null);
    return new LayerModel(layer, annotation, members, layerClass, generated,
        typeName(layer, annotation), members.constructors(), rebuild, params, buffers(members),
        members.childFields(), members.childCollections(), config(rebuild, members),
        hyperparameters, inferredNames, forwardModel);
  }

  private List<ForwardModel.Input> inputs(ExecutableElement forward) {
    List<ForwardModel.Input> out = new ArrayList<>();
    if (forward == null) {
      return out;
    }
    for (VariableElement argument : forward.getParameters()) {
      boolean optional = Annotations.find(argument, Names.SHAPE)
          .flatMap(shape -> Annotations.explicitValue(shape, "optional"))
          .map(value -> Boolean.TRUE.equals(value.getValue()))
          .orElse(false);
      out.add(new ForwardModel.Input(argument, shapes.shapeAnnotation(argument), optional));
    }
    return List.copyOf(out);
  }

  /** The record forward returns, with each component's {@code @Shape}; null for anything else. */
  private RecordOutput recordOutput(ExecutableElement forward, LayerMembers members) {
    if (forward == null || forward.getReturnType().getKind() != TypeKind.DECLARED) {
      return null;
    }
    Element returned = types.asElement(forward.getReturnType());
    if (!(returned instanceof TypeElement record) || record.getKind() != ElementKind.RECORD) {
      return null;
    }
    List<RecordOutput.Component> components = new ArrayList<>();
    for (RecordComponentElement component : record.getRecordComponents()) {
      components.add(new RecordOutput.Component(component, shapes.shapeAnnotation(component),
          members.isTensor(component.asType())));
    }
    return new RecordOutput(record, List.copyOf(components));
  }

  /** Whether JavaPoet can name the class: nested only in classes, up to its package. */
  private static boolean nameable(TypeElement layer) {
    Element enclosing = layer.getEnclosingElement();
    while (enclosing instanceof TypeElement) {
      enclosing = enclosing.getEnclosingElement();
    }
    return enclosing != null && enclosing.getKind() == ElementKind.PACKAGE;
  }

  private String typeName(TypeElement layer, AnnotationMirror annotation) {
    String name = Annotations.value(elements, annotation, "name")
        .map(value -> String.valueOf(value.getValue())).orElse("");
    return name.isEmpty() ? layer.getQualifiedName().toString() : name;
  }

  private static Set<String> hyperparameters(LayerMembers members) {
    Set<String> out = new LinkedHashSet<>();
    for (VariableElement field : members.fields()) {
      if (field.asType().getKind() == TypeKind.INT
          && !field.getModifiers().contains(Modifier.PRIVATE)) {
        out.add(field.getSimpleName().toString());
      }
    }
    return out;
  }

  private List<ParamModel> params(LayerMembers members, Set<String> inferredNames) {
    Map<VariableElement, AnnotationMirror> annotations = new LinkedHashMap<>();
    Map<VariableElement, ShapeModel> shapeOf = new LinkedHashMap<>();
    String fanSource = null;
    for (VariableElement field : members.paramFields()) {
      AnnotationMirror param = Annotations.find(field, Names.PARAM).orElseThrow();
      ShapeModel shape = shapes.read(field, param, "shape");
      annotations.put(field, param);
      shapeOf.put(field, shape);
      boolean optional = Annotations.explicitValue(param, "presentIf").isPresent();
      if (fanSource == null && !optional && shape != null && shape.entries().size() >= 2) {
        fanSource = field.getSimpleName().toString();
      }
    }
    Map<String, Boolean> usesInferred = new LinkedHashMap<>();
    for (Map.Entry<VariableElement, ShapeModel> entry : shapeOf.entrySet()) {
      boolean uses = false;
      if (entry.getValue() != null) {
        for (var dimension : entry.getValue().dimensions()) {
          uses |= dimension.names().stream().anyMatch(inferredNames::contains);
        }
      }
      usesInferred.put(entry.getKey().getSimpleName().toString(), uses);
    }
    List<ParamModel> out = new ArrayList<>();
    for (Map.Entry<VariableElement, AnnotationMirror> entry : annotations.entrySet()) {
      VariableElement field = entry.getKey();
      AnnotationMirror param = entry.getValue();
      ShapeModel shape = shapeOf.get(field);
      String init = Annotations.value(elements, param, "init")
          .map(value -> String.valueOf(value.getValue())).orElse("KAIMING_UNIFORM");
      AnnotationValue presentIf = Annotations.explicitValue(param, "presentIf").orElse(null);
      String name = field.getSimpleName().toString();
      String source = shape != null && shape.entries().size() == 1 && FAN_INITS.contains(init)
          && !name.equals(fanSource) ? fanSource : null;
      // A parameter whose fans come from an inferred one is allocated with it.
      boolean inferred = usesInferred.get(name)
          || (source != null && usesInferred.getOrDefault(source, false));
      out.add(new ParamModel(field, param, shape, init, presentIf, source, inferred));
    }
    return out;
  }

  private List<BufferModel> buffers(LayerMembers members) {
    List<BufferModel> out = new ArrayList<>();
    for (VariableElement field : members.bufferFields()) {
      AnnotationMirror buffer = Annotations.find(field, Names.BUFFER).orElseThrow();
      String init = Annotations.value(elements, buffer, "init")
          .map(value -> String.valueOf(value.getValue())).orElse("ZEROS");
      String dtype = Annotations.value(elements, buffer, "dtype")
          .map(value -> String.valueOf(value.getValue())).orElse("FLOAT32");
      boolean persistent = Annotations.value(elements, buffer, "persistent")
          .map(value -> !Boolean.FALSE.equals(value.getValue())).orElse(true);
      out.add(new BufferModel(field, buffer, shapes.read(field, buffer, "shape"), init, dtype,
          persistent, Annotations.explicitValue(buffer, "presentIf").orElse(null)));
    }
    return out;
  }

  private List<ConfigEntry> config(ExecutableElement constructor, LayerMembers members) {
    List<ConfigEntry> out = new ArrayList<>();
    if (constructor == null) {
      return out;
    }
    for (VariableElement parameter : constructor.getParameters()) {
      Optional<ConfigKind> kind = ConfigKind.of(parameter.asType(), members);
      TypeName type = kind.isEmpty() ? null : kind.get() == ConfigKind.CHILD
          ? TypeName.get(types.erasure(parameter.asType())) : TypeName.get(parameter.asType());
      out.add(new ConfigEntry(parameter, kind.orElse(null), type));
    }
    return out;
  }
}
