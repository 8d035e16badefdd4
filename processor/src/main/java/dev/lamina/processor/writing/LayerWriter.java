package dev.lamina.processor.writing;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import dev.lamina.processor.model.LayerModel;
import java.io.IOException;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Modifier;
import javax.lang.model.util.Elements;

/**
 * Writes {@code Lamina_<Name>.java} for one layer model. It never validates: the model it is given
 * comes from a class that validation found clean.
 *
 * <p>Every generated file is framed the same way: {@code @Generated} naming the processor and the
 * source, a class Javadoc naming the source, and the layer class as its one originating element,
 * so that Gradle can treat the processor as isolating. Output depends only on the model, so the
 * same source always gives the same bytes.
 */
public final class LayerWriter {
  private final Filer filer;
  private final Elements elements;
  private final String processorName;

  public LayerWriter(Filer filer, Elements elements, String processorName) {
    this.filer = filer;
    this.elements = elements;
    this.processorName = processorName;
  }

  public void write(LayerModel model) throws IOException {
    JavaFile.builder(model.generatedClass().packageName(), typeSpec(model))
        .skipJavaLangImports(true)
        .indent("  ")
        .build()
        .writeTo(filer);
  }

  /** The generated class, built but not written; the golden tests compare what it prints. */
  TypeSpec typeSpec(LayerModel model) {
    // Example: final class Lamina_MyLinear extends MyLinear { ... }
    TypeSpec.Builder type = TypeSpec.classBuilder(model.generatedClass())
        .addOriginatingElement(model.element())
        .addModifiers(Modifier.FINAL)
        .superclass(model.layerClass())
        .addJavadoc("The generated implementation of {@link $T}: it registers the layer's"
            + " parameters, buffers and children,\nallocates and initializes them, checks"
            + " shapes around {@code forward}, and rebuilds\nthe layer from a saved config."
            + "\n\n<p>Generated from {@code $L} by the Lamina {@code @Layer} processor; do not"
            + " edit.\n", model.layerClass(), model.layerClass().canonicalName());
    if (elements.getTypeElement(RuntimeTypes.GENERATED.canonicalName()) != null) {
      // Example: @Generated(value = "dev.lamina.processor.LayerProcessor", comments = "from chapter.MyLinear")
      type.addAnnotation(AnnotationSpec.builder(RuntimeTypes.GENERATED)
          .addMember("value", "$S", processorName)
          .addMember("comments", "$S", "from " + model.layerClass().canonicalName())
          .build());
    }
    // Example: private static final String TYPE_NAME = "chapter.MyLinear";
    type.addField(FieldSpec.builder(String.class, GeneratedMembers.of(model).typeName(),
            Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("$S", model.typeName()).build());
    type.addFields(ForwardWriter.fields(model));
    type.addFields(RecordOutputWriter.fields(model));
    type.addMethods(ConstructorWriter.constructors(model));
    type.addMethods(ConstructorWriter.helpers(model));
    type.addMethod(ForwardWriter.forward(model));
    type.addMethods(ForwardWriter.severalInputs(model));
    type.addMethods(CheckWriter.methods(model));
    if (model.hasInferredParams()) {
      type.addMethod(ForwardWriter.allocateInferred(model));
      type.addMethods(ForwardWriter.inferredHelpers(model));
    }
    type.addMethods(RegistrationWriter.methods(model));
    type.addType(FactoryWriter.factory(model));
    return type.build();
  }
}
