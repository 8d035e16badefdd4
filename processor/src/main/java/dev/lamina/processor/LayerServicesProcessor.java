package dev.lamina.processor;

import com.google.auto.service.AutoService;
import dev.lamina.processor.element.Names;
import dev.lamina.processor.validation.ErrorReporter;
import dev.lamina.processor.writing.FactoryWriter;
import dev.lamina.processor.element.GeneratedNames;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.tools.StandardLocation;

/**
 * Lists the factory of every generated layer in {@code META-INF/services/dev.lamina.registry.LayerFactory},
 * which is how the closed registry finds them. It reads every {@code @Layer} of the compilation, so it
 * is a separate, <em>aggregating</em> processor; a layer that had errors has no generated class and is
 * left out.
 */
@AutoService(Processor.class)
public class LayerServicesProcessor extends AbstractProcessor {
  static final String SERVICES_FILE = "META-INF/services/dev.lamina.registry.LayerFactory";

  /** Layer class name → the generated class expected for it, for every round. */
  private final Map<String, String> layers = new LinkedHashMap<>();

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
    try {
      TypeElement annotation = processingEnv.getElementUtils().getTypeElement(Names.LAYER);
      if (annotation != null) {
        for (Element element : round.getElementsAnnotatedWith(annotation)) {
          if (element instanceof TypeElement layer) {
            remember(layer);
          }
        }
      }
      if (round.processingOver() && !layers.isEmpty()) {
        writeServicesFile();
      }
    } catch (IOException | RuntimeException failure) {
      new ErrorReporter(processingEnv.getMessager()).internalError(
          round.getRootElements().stream().findFirst().orElse(null), failure);
    }
    return false;
  }

  private void remember(TypeElement layer) {
    PackageElement pkg = processingEnv.getElementUtils().getPackageOf(layer);
    String prefix = pkg.isUnnamed() ? "" : pkg.getQualifiedName() + ".";
    layers.put(layer.getQualifiedName().toString(), prefix + GeneratedNames.simpleName(layer));
  }

  private Set<String> existingEntries() {
    Set<String> entries = new TreeSet<>();
    try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
        processingEnv.getFiler().getResource(StandardLocation.CLASS_OUTPUT, "", SERVICES_FILE)
            .openInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        int comment = line.indexOf('#');
        String entry = (comment >= 0 ? line.substring(0, comment) : line).trim();
        if (!entry.isEmpty()) {
          entries.add(entry);
        }
      }
    } catch (IOException | IllegalArgumentException noFileYet) {
      // Nothing listed before this compilation.
    }
    return entries;
  }

  private void writeServicesFile() throws IOException {
    Set<String> factories = new TreeSet<>();
    List<Element> originating = new ArrayList<>();
    for (Map.Entry<String, String> layer : layers.entrySet()) {
      TypeElement generated = processingEnv.getElementUtils().getTypeElement(layer.getValue());
      TypeElement source = processingEnv.getElementUtils().getTypeElement(layer.getKey());
      if (generated != null) {
        factories.add(processingEnv.getElementUtils().getBinaryName(generated) + "$"
            + FactoryWriter.NAME);
        if (source != null) {
          originating.add(source);
        }
      }
    }
    if (factories.isEmpty()) {
      return;
    }
    // Keep what the file already lists (a services file among the resources, factories written by
    // hand), as a second compilation into the same output would otherwise drop them.
    factories.addAll(existingEntries());
    try (Writer out = new java.io.OutputStreamWriter(processingEnv.getFiler()
        .createResource(StandardLocation.CLASS_OUTPUT, "", SERVICES_FILE,
            originating.toArray(new Element[0]))
        .openOutputStream(), StandardCharsets.UTF_8)) {
      for (String factory : factories) {
        out.write(factory + "\n");
      }
    }
  }
}
