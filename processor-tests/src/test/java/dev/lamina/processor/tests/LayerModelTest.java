package dev.lamina.processor.tests;

import static com.google.common.truth.Truth.assertThat;
import static dev.lamina.processor.tests.Compilations.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.lamina.processor.element.Annotations;
import dev.lamina.processor.element.Names;
import dev.lamina.processor.model.LayerModel;
import dev.lamina.processor.model.LayerModelBuilder;
import dev.lamina.processor.model.ParamModel;
import dev.lamina.processor.model.ShapeEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The one model of a layer: built before validation, so it must hold for a class with errors. */
class LayerModelTest {
  /** Builds the model of every {@code @Layer} class it sees, and nothing else. */
  private static final class ModelCollector extends AbstractProcessor {
    final List<LayerModel> models = new ArrayList<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of(Names.LAYER);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      LayerModelBuilder builder = new LayerModelBuilder(processingEnv.getTypeUtils(),
          processingEnv.getElementUtils());
      TypeElement layer = processingEnv.getElementUtils().getTypeElement(Names.LAYER);
      for (Element element : round.getElementsAnnotatedWith(layer)) {
        models.add(builder.build((TypeElement) element,
            Annotations.find(element, Names.LAYER).orElseThrow()));
      }
      return false;
    }
  }

  private static LayerModel model(JavaFileObject source) {
    ModelCollector collector = new ModelCollector();
    Compilation unused = Compiler.javac().withProcessors(collector).compile(source);
    assertThat(collector.models).hasSize(1);
    return collector.models.get(0);
  }

  @Test
  void aClassWithErrorsStillHasAModel() {
    LayerModel model = model(source("test.Broken", "package test;\n"
        + "import dev.lamina.Module;\n"
        + "import dev.lamina.Tensor;\n"
        + "import dev.lamina.annotations.*;\n"
        + "@Layer public class Broken extends Module {\n"
        + "  int units;\n"
        + "  @Param(shape = {\"units+\", \"...\", \"in\"}) double weight;\n"
        + "  @Param(shape = {}) Tensor empty;\n"
        + "  Broken(java.util.List<String> names) {}\n"
        + "}\n"));
    assertThat(model.forward().method()).isNull();
    assertThat(model.hyperparameters()).containsExactly("units");
    assertThat(model.inferredNames()).isEmpty();
    ParamModel weight = model.params().get(0);
    List<ShapeEntry> entries = weight.shape().entries();
    assertThat(entries.get(0).syntaxError()).isEqualTo("it ends too early");
    assertThat(entries.get(0).dimension()).isNull();
    assertThat(entries.get(1).isEllipsis()).isTrue();
    assertThat(entries.get(2).dimension().plainName()).isEqualTo("in");
    assertThat(model.params().get(1).shape().entries()).isEmpty();
    assertThat(model.config()).hasSize(1);
    assertThat(model.config().get(0).kind()).isNull();
  }

  @Test
  void namesForwardBindsAreInferredAndParsedOnce() {
    LayerModel model = model(source("test.Lazy", "package test;\n"
        + "import dev.lamina.Module;\n"
        + "import dev.lamina.Tensor;\n"
        + "import dev.lamina.annotations.*;\n"
        + "@Layer abstract class Lazy extends Module {\n"
        + "  final int out;\n"
        + "  @Param(shape = {\"out\", \"in*in\"}) Tensor weight;\n"
        + "  @Param(shape = {\"out\"}) Tensor bias;\n"
        + "  Lazy(int out) { this.out = out; }\n"
        + "  @Shape({\"batch\", \"out\"})\n"
        + "  public Tensor forward(@Shape({\"batch\", \"in\"}) Tensor x) { return x; }\n"
        + "}\n"));
    assertThat(model.inferredNames()).containsExactly("batch", "in").inOrder();
    assertThat(model.params().get(0).inferred()).isTrue();
    // The bias takes its fans from the weight, so it waits for it.
    assertThat(model.params().get(1).fanSource()).isEqualTo("weight");
    assertThat(model.params().get(1).inferred()).isTrue();
    assertThat(model.forward().recorded()).containsExactly("in");
    assertThat(model.forward().hyperparameters()).containsExactly("out");
    assertThat(model.forward().inputs().get(0).shape().texts()).containsExactly("batch", "in").inOrder();
  }
}
