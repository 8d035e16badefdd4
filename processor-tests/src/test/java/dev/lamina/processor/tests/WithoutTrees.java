package dev.lamina.processor.tests;

import dev.lamina.processor.LayerProcessor;
import java.util.Locale;
import java.util.Map;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The layer processor as another compiler (Eclipse's) runs it: everything javac gives a processor
 * but its trees. Its environment is not javac's own class, so {@code Trees.instance} refuses it, as
 * it refuses Eclipse's.
 */
final class WithoutTrees extends LayerProcessor {
  @Override
  public synchronized void init(ProcessingEnvironment environment) {
    super.init(new ForeignEnvironment(environment));
  }

  /** Passes every call on to javac's environment. */
  private record ForeignEnvironment(ProcessingEnvironment javac) implements ProcessingEnvironment {
    @Override
    public Map<String, String> getOptions() {
      return javac.getOptions();
    }

    @Override
    public Messager getMessager() {
      return javac.getMessager();
    }

    @Override
    public Filer getFiler() {
      return javac.getFiler();
    }

    @Override
    public Elements getElementUtils() {
      return javac.getElementUtils();
    }

    @Override
    public Types getTypeUtils() {
      return javac.getTypeUtils();
    }

    @Override
    public SourceVersion getSourceVersion() {
      return javac.getSourceVersion();
    }

    @Override
    public Locale getLocale() {
      return javac.getLocale();
    }

    @Override
    public boolean isPreviewEnabled() {
      return javac.isPreviewEnabled();
    }
  }
}
