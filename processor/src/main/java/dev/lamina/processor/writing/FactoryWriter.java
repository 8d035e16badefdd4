package dev.lamina.processor.writing;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.lamina.processor.model.ConfigEntry;
import dev.lamina.processor.model.ConfigKind;
import dev.lamina.processor.model.LayerModel;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The nested {@code Factory} that rebuilds the layer from a saved config, listed in
 * {@code META-INF/services/dev.lamina.registry.LayerFactory} so the closed registry finds it.
 */
public final class FactoryWriter {
  /** The simple name of the nested factory class; its binary name ends in {@code $Factory}. */
  public static final String NAME = "Factory";

  private FactoryWriter() {}

  /**
   * <pre>
   * // Example:
   * // public static final class Factory implements LayerFactory {
   * //   public String typeName() { return TYPE_NAME; }
   * //   public Module create(Map<String, Object> config, Map<String, Module> children) {
   * //     ConfigReader reader = new ConfigReader(TYPE_NAME, config, children);
   * //     return new Lamina_MyLinear(reader.intValue("inUnits"), reader.intValue("units"));
   * //   }
   * // }
   * </pre>
   */
  static TypeSpec factory(LayerModel model) {
    List<CodeBlock> arguments = new ArrayList<>();
    for (ConfigEntry entry : model.config()) {
      if (entry.kind() == ConfigKind.CHILD || entry.kind() == ConfigKind.ENUM) {
        // Example: reader.enumValue("paddingMode", PaddingMode.class)
        arguments.add(CodeBlock.of("reader.$N($S, $T.class)", entry.kind().readerMethod(),
            entry.name(), entry.type()));
      } else {
        arguments.add(CodeBlock.of("reader.$N($S)", entry.kind().readerMethod(), entry.name()));
      }
    }
    MethodSpec.Builder create = MethodSpec.methodBuilder("create")
        .addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
        .returns(RuntimeTypes.MODULE)
        .addParameter(RuntimeTypes.CONFIG_MAP, "config")
        .addParameter(RuntimeTypes.CHILD_MAP, "children");
    // A layer without hyperparameters or children reads nothing.
    if (!arguments.isEmpty()) {
      create.addStatement("$T reader = new $T($N, config, children)", RuntimeTypes.CONFIG_READER,
          RuntimeTypes.CONFIG_READER, GeneratedMembers.of(model).typeName());
    }
    create.addStatement("return new $T($L)", model.generatedClass(),
        CodeBlock.join(arguments, ", "));
    return TypeSpec.classBuilder(NAME)
        .addJavadoc("Rebuilds a {@link $T} from a saved config.\n", model.layerClass())
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addSuperinterface(RuntimeTypes.LAYER_FACTORY)
        .addMethod(MethodSpec.methodBuilder("typeName").addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC).returns(String.class)
            .addStatement("return $N", GeneratedMembers.of(model).typeName()).build())
        .addMethod(create.build())
        .build();
  }
}
