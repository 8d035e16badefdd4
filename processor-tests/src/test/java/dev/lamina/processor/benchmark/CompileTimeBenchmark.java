package dev.lamina.processor.benchmark;

import dev.lamina.processor.tests.JavacRun;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A benchmark, not a test: how long javac takes on {@code N} {@code @Layer} classes with and without
 * the processor. Each run is a fresh in-process javac; the first runs warm the JIT and are dropped.
 *
 * <p>Run with the test class path, e.g. {@code java -cp <test classpath>
 * dev.lamina.processor.benchmark.CompileTimeBenchmark 200}.
 */
public final class CompileTimeBenchmark {
  private static final int WARMUP = 3;
  private static final int MEASURED = 5;

  private CompileTimeBenchmark() {}

  public static void main(String[] args) throws IOException {
    int layers = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    Path root = Files.createTempDirectory("lamina-benchmark");
    List<String> sources = writeLayers(root.resolve("src"), layers);
    long[] without = measure(root, sources, "-proc:none");
    long[] with = measure(root, sources, "-processorpath", JavacRun.processorPath());
    long[] withoutBodies = measure(root, sources, "-processorpath", JavacRun.processorPath(),
        "-Alamina.checkBodies=false");
    // The same code already generated, compiled without the processor: what is left of the
    // difference is the processor's own time.
    List<String> withGenerated = new ArrayList<>(sources);
    withGenerated.addAll(generate(root, sources));
    long[] pregenerated = measure(root, withGenerated, "-proc:none");
    System.out.printf("javac on %d @Layer classes, median of %d runs after %d warm-up runs:%n",
        layers, MEASURED, WARMUP);
    System.out.printf("  without the processor: %d ms %s%n", median(without), Arrays.toString(without));
    System.out.printf("  with the processor:    %d ms %s%n", median(with), Arrays.toString(with));
    System.out.printf("  with it, body checks off: %d ms %s%n", median(withoutBodies),
        Arrays.toString(withoutBodies));
    System.out.printf("  generated code compiled without the processor: %d ms %s%n",
        median(pregenerated), Arrays.toString(pregenerated));
  }

  private static List<String> writeLayers(Path src, int count) throws IOException {
    Path pkg = Files.createDirectories(src.resolve("bench"));
    List<String> files = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = "Layer" + i;
      Path file = pkg.resolve(name + ".java");
      Files.writeString(file, "package bench;\n"
          + "import dev.lamina.Module;\n"
          + "import dev.lamina.Tensor;\n"
          + "import dev.lamina.annotations.*;\n"
          + "@Layer public abstract class " + name + " extends Module {\n"
          + "  final int in;\n"
          + "  final int out;\n"
          + "  @Param(shape = {\"out\", \"in\"}) Tensor weight;\n"
          + "  @Param(shape = {\"out\"}) Tensor bias;\n"
          + "  " + name + "(int in, int out) { this.in = in; this.out = out; }\n"
          + "  @Override @Shape({\"batch\", \"out\"})\n"
          + "  public Tensor forward(@Shape({\"batch\", \"in\"}) Tensor x) {\n"
          + "    return x.matmul(weight.t()).add(bias).relu();\n"
          + "  }\n"
          + "}\n");
      files.add(file.toString());
    }
    return files;
  }

  private static long[] measure(Path root, List<String> sources, String... options)
      throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    long[] times = new long[MEASURED];
    for (int run = 0; run < WARMUP + MEASURED; run++) {
      Path out = Files.createTempDirectory(root, "out");
      List<String> arguments = new ArrayList<>(List.of("-d", out.toString(),
          "-s", out.toString(), "-classpath", JavacRun.runtimeClassPath()));
      arguments.addAll(List.of(options));
      arguments.addAll(sources);
      long start = System.nanoTime();
      int exit = javac.run(null, OutputStream.nullOutputStream(), System.err,
          arguments.toArray(new String[0]));
      long millis = (System.nanoTime() - start) / 1_000_000;
      if (exit != 0) {
        throw new IllegalStateException("javac failed with " + Arrays.toString(options));
      }
      if (run >= WARMUP) {
        times[run - WARMUP] = millis;
      }
    }
    return times;
  }

  private static List<String> generate(Path root, List<String> sources) throws IOException {
    Path out = Files.createTempDirectory(root, "generated");
    List<String> arguments = new ArrayList<>(List.of("-d", out.toString(), "-s", out.toString(),
        "-classpath", JavacRun.runtimeClassPath(), "-processorpath", JavacRun.processorPath()));
    arguments.addAll(sources);
    ToolProvider.getSystemJavaCompiler().run(null, OutputStream.nullOutputStream(), System.err,
        arguments.toArray(new String[0]));
    List<String> generated = new ArrayList<>();
    try (var files = Files.walk(out)) {
      files.filter(file -> file.toString().endsWith(".java"))
          .forEach(file -> generated.add(file.toString()));
    }
    return generated;
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
