package dev.lamina.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.lamina.processor.element.Annotations;
import dev.lamina.processor.element.LayerMembers;
import dev.lamina.processor.element.Names;
import dev.lamina.shapes.Dimension;
import dev.lamina.shapes.ShapeSyntax;
import dev.lamina.processor.validation.GeneratedNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Builds the {@link LayerModel} of a class that validation found clean; it does not check anything
 * again, so it may assume every shape parses and every name resolves.
 */
public final class LayerModelBuilder {
  /** Inits whose scale depends on fans; a 1-d parameter with one of them takes its weight's fans. */
  private static final Set<String> FAN_INITS =
      Set.of("XAVIER_UNIFORM", "XAVIER_NORMAL", "KAIMING_UNIFORM", "KAIMING_NORMAL");

  private final Types types;
  private final Elements elements;

  public LayerModelBuilder(Types types, Elements elements) {
    this.types = types;
    this.elements = elements;
  }

  public LayerModel build(TypeElement layer) {
    LayerMembers members = new LayerMembers(layer, types, elements);
    ClassName layerClass = ClassName.get(layer);
    ClassName generated = ClassName.get(layerClass.packageName(), GeneratedNames.simpleName(layer));
    Set<String> hyperparameters = hyperparameters(members);
    ExecutableElement forward = members.forward().orElseThrow();
    VariableElement argument = forward.getParameters().get(0);
    List<String> inputShape = shapeEntries(argument);
    List<String> outputShape = shapeEntries(forward);
    Set<String> inferredNames = new LinkedHashSet<>();
    if (inputShape != null) {
      for (String entry : inputShape) {
        if (!entry.equals(ShapeSyntax.ELLIPSIS)) {
          String name = ShapeSyntax.parse(entry).plainName();
          if (name != null && !hyperparameters.contains(name)) {
            inferredNames.add(name);
          }
        }
      }
    }
    List<ParamModel> params = params(members, inferredNames);
    Map<String, ForwardModel.ParamAxis> prebound = prebound(params, inferredNames);
    ForwardModel forwardModel = new ForwardModel(argument.getSimpleName().toString(), inputShape,
        outputShape, usedHyperparameters(inputShape, outputShape, hyperparameters), prebound,
        recorded(params, inferredNames, prebound.keySet()));
    ExecutableElement rebuild = members.rebuildConstructor().orElseThrow();
    return new LayerModel(layer, layerClass, generated, typeName(layer), members.constructors(),
        rebuild, params, childNames(members), config(rebuild, members), hyperparameters,
        forwardModel);
  }

  private String typeName(TypeElement layer) {
    AnnotationMirror annotation = Annotations.find(layer, Names.LAYER).orElseThrow();
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

  private List<String> shapeEntries(javax.lang.model.element.Element element) {
    Optional<AnnotationMirror> shape = Annotations.find(element, Names.SHAPE);
    if (shape.isEmpty()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (AnnotationValue item : Annotations.stringItems(
        Annotations.value(elements, shape.get(), "value").orElseThrow())) {
      out.add(String.valueOf(item.getValue()).trim());
    }
    return out;
  }

  private List<ParamModel> params(LayerMembers members, Set<String> inferredNames) {
    List<VariableElement> fields = members.paramFields();
    String fanSource = null;
    for (VariableElement field : fields) {
      AnnotationMirror param = Annotations.find(field, Names.PARAM).orElseThrow();
      boolean optional = Annotations.explicitValue(param, "presentIf").isPresent();
      if (!optional && entries(param).size() >= 2) {
        fanSource = field.getSimpleName().toString();
        break;
      }
    }
    Map<String, Boolean> inferred = new LinkedHashMap<>();
    List<ParamModel> out = new ArrayList<>();
    for (VariableElement field : fields) {
      AnnotationMirror param = Annotations.find(field, Names.PARAM).orElseThrow();
      List<String> entries = entries(param);
      List<Dimension> dimensions = new ArrayList<>();
      boolean usesInferred = false;
      for (String entry : entries) {
        Dimension dimension = ShapeSyntax.parse(entry);
        dimensions.add(dimension);
        usesInferred |= dimension.names().stream().anyMatch(inferredNames::contains);
      }
      String init = Annotations.value(elements, param, "init")
          .map(value -> String.valueOf(value.getValue())).orElse("KAIMING_UNIFORM");
      String presentIf = Annotations.explicitValue(param, "presentIf")
          .map(value -> String.valueOf(value.getValue())).orElse(null);
      String name = field.getSimpleName().toString();
      String source = entries.size() == 1 && FAN_INITS.contains(init) && !name.equals(fanSource)
          ? fanSource : null;
      inferred.put(name, usesInferred);
      out.add(new ParamModel(name, entries, dimensions, init, presentIf, source, usesInferred));
    }
    // A parameter whose fans come from an inferred one is allocated with it.
    List<ParamModel> resolved = new ArrayList<>();
    for (ParamModel param : out) {
      boolean late = param.inferred()
          || (param.fanSource() != null && inferred.getOrDefault(param.fanSource(), false));
      resolved.add(new ParamModel(param.name(), param.entries(), param.dimensions(), param.init(),
          param.presentIf(), param.fanSource(), late));
    }
    return resolved;
  }

  private List<String> entries(AnnotationMirror param) {
    List<String> out = new ArrayList<>();
    for (AnnotationValue item : Annotations.stringItems(
        Annotations.value(elements, param, "shape").orElseThrow())) {
      out.add(String.valueOf(item.getValue()).trim());
    }
    return out;
  }

  private static List<String> usedHyperparameters(List<String> input, List<String> output,
      Set<String> hyperparameters) {
    Set<String> used = new LinkedHashSet<>();
    for (List<String> shape : java.util.Arrays.asList(input, output)) {
      if (shape == null) {
        continue;
      }
      for (String entry : shape) {
        if (!entry.equals(ShapeSyntax.ELLIPSIS)) {
          for (String name : ShapeSyntax.parse(entry).names()) {
            if (hyperparameters.contains(name)) {
              used.add(name);
            }
          }
        }
      }
    }
    return new ArrayList<>(used);
  }

  /** For each inferred name, the first inferred parameter axis that is exactly that name. */
  private static Map<String, ForwardModel.ParamAxis> prebound(List<ParamModel> params,
      Set<String> inferredNames) {
    Map<String, ForwardModel.ParamAxis> out = new LinkedHashMap<>();
    for (ParamModel param : params) {
      if (!param.inferred() || param.presentIf() != null) {
        continue;
      }
      for (int axis = 0; axis < param.dimensions().size(); axis++) {
        String name = param.dimensions().get(axis).plainName();
        if (name != null && inferredNames.contains(name)) {
          out.putIfAbsent(name, new ForwardModel.ParamAxis(param.name(), axis));
        }
      }
    }
    return out;
  }

  /** The inferred names the parameters use that {@code prebound} cannot read back. */
  private static List<String> recorded(List<ParamModel> params, Set<String> inferredNames,
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

  private static List<String> childNames(LayerMembers members) {
    List<String> out = new ArrayList<>();
    for (VariableElement field : members.childFields()) {
      out.add(field.getSimpleName().toString());
    }
    return out;
  }

  private List<ConfigEntry> config(ExecutableElement constructor, LayerMembers members) {
    List<ConfigEntry> out = new ArrayList<>();
    for (VariableElement parameter : constructor.getParameters()) {
      ConfigKind kind = ConfigKind.of(parameter.asType(), members).orElseThrow();
      TypeName type = kind == ConfigKind.CHILD
          ? TypeName.get(types.erasure(parameter.asType())) : TypeName.get(parameter.asType());
      out.add(new ConfigEntry(parameter.getSimpleName().toString(), kind, type));
    }
    return out;
  }
}
