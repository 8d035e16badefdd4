package dev.lamina.processor.tests;

import com.google.common.base.CaseFormat;
import com.palantir.javapoet.JavaFile;
import dev.lamina.Module;
import dev.lamina.annotations.Layer;
import dev.lamina.processor.LayerProcessor;
import dev.lamina.shapes.Dimension;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Runs the system javac the way a user's build does: the processor is found on {@code -processorpath}
 * through its {@code META-INF/services} entry, never named with {@code -processor}.
 */
public final class JavacRun {
  final boolean succeeded;
  final String output;
  final Path generatedSources;
  final Path classes;

  private JavacRun(boolean succeeded, String output, Path generatedSources, Path classes) {
    this.succeeded = succeeded;
    this.output = output;
    this.generatedSources = generatedSources;
    this.classes = classes;
  }

  /** Compiles {@code sources} (file name → text) in a fresh folder under {@code root}. */
  static JavacRun compile(Path root, Map<String, String> sources, String... extraOptions)
      throws IOException {
    Path src = Files.createDirectories(root.resolve("src"));
    Path generated = Files.createDirectories(root.resolve("generated"));
    Path classes = Files.createDirectories(root.resolve("classes"));
    List<String> arguments = new ArrayList<>(List.of(
        "-d", classes.toString(), "-s", generated.toString(),
        "-classpath", runtimeClassPath(),
        "-processorpath", processorPath()));
    arguments.addAll(List.of(extraOptions));
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = src.resolve(source.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
      arguments.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter output = new StringWriter();
    StringWriter errors = new StringWriter();
    int exit = javac.run(null, new WriterStream(output), new WriterStream(errors),
        arguments.toArray(new String[0]));
    return new JavacRun(exit == 0, output + errors.toString(), generated, classes);
  }

  /** The processor and what it needs at run time: the shape grammar, JavaPoet and Guava. */
  public static String processorPath() {
    return pathOf(LayerProcessor.class, Dimension.class, JavaFile.class, CaseFormat.class);
  }

  /** What a user's layer compiles against: the runtime, the shape grammar and the annotations. */
  public static String runtimeClassPath() {
    return pathOf(Module.class, Dimension.class, Layer.class);
  }

  private static String pathOf(Class<?>... types) {
    List<String> entries = new ArrayList<>();
    for (Class<?> type : types) {
      try {
        entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString());
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  /** javac's {@code run} takes streams; this keeps the text for the assertions. */
  private static final class WriterStream extends java.io.OutputStream {
    private final StringWriter target;
    private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

    WriterStream(StringWriter target) {
      this.target = target;
    }

    @Override
    public void write(int b) {
      bytes.write(b);
    }

    @Override
    public void flush() {
      target.write(bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
      bytes.reset();
    }

    @Override
    public void close() {
      flush();
    }
  }
}
