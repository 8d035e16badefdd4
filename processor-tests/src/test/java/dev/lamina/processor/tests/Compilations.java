package dev.lamina.processor.tests;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.lamina.processor.LayerProcessor;
import dev.lamina.processor.LayerServicesProcessor;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;

/** Compiles test sources with both Lamina processors, as a user's build would run them. */
final class Compilations {
  private Compilations() {}

  /** {@code test.Bad} (or whatever {@code name} says) compiled with the processors. */
  static Compilation compile(JavaFileObject... sources) {
    return compileWith(new LayerProcessor(), sources);
  }

  static Compilation compileWith(Processor layerProcessor, JavaFileObject... sources) {
    return Compiler.javac()
        .withProcessors(layerProcessor, new LayerServicesProcessor())
        .compile(sources);
  }

  /** A source file from a text block; the class name is its path. */
  static JavaFileObject source(String qualifiedName, String text) {
    return JavaFileObjects.forSourceString(qualifiedName, text);
  }
}
