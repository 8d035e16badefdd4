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
 * the processor, and with the processor's body checks off. Each run is a fresh in-process javac;
 * the first runs warm the JIT and are dropped.
 *
 * <p>Run with the test class path, e.g. {@code java -cp <test classpath>
 * dev.lamina.processor.benchmark.CompileTimeBenchmark 200}.
 */
public final class CompileTimeBenchmark {
  private static final int WARMUP = 5;
  private static final int MEASURED = 9;

  private CompileTimeBenchmark() {}

  public static void main(String[] args) throws IOException {
    int layers = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    Path root = Files.createTempDirectory("lamina-benchmark");
    List<String> sources = writeLayers(root.resolve("src"), layers);
    // The same code already generated, compiled without the processor: what is left of the
    // difference is the processor's own time.
    List<String> withGenerated = new ArrayList<>(sources);
    withGenerated.addAll(generate(root, sources));
    List<Run> runs = List.of(
        new Run("without the processor", sources, List.of("-proc:none")),
        new Run("with the processor", sources,
            List.of("-processorpath", JavacRun.processorPath())),
        new Run("with it, body checks off", sources, List.of("-processorpath",
            JavacRun.processorPath(), "-Alamina.checkBodies=false")),
        new Run("generated code compiled without the processor", withGenerated,
            List.of("-proc:none")));
    long[][] times = measure(root, runs);
    System.out.printf("javac on %d @Layer classes, median (fastest-slowest) of %d runs each after"
        + " %d warm-up runs, the configurations taking turns:%n", layers, MEASURED, WARMUP);
    for (int i = 0; i < runs.size(); i++) {
      long[] sorted = times[i].clone();
      Arrays.sort(sorted);
      System.out.printf("  %-48s %5d ms (%d-%d)%n", runs.get(i).name() + ":", median(times[i]),
          sorted[0], sorted[sorted.length - 1]);
    }
    double checks = (double) median(times[1]) / median(times[2]) - 1;
    System.out.printf("  body checks add %.1f%% to the processor's compilation%n", 100 * checks);
  }

  /** One configuration of javac: its sources and options. */
  private record Run(String name, List<String> sources, List<String> options) {}

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
          + "    Tensor h = x.matmul(weight.t()).add(bias);\n"
          + "    Tensor g = h.sigmoid().mul(h);\n"
          + "    return g.sub(g.mean(1, true)).relu();\n"
          + "  }\n"
          + "}\n");
      files.add(file.toString());
    }
    return files;
  }

  /**
   * Each run's times, the runs taking turns (in an order that rotates every round) so that the
   * JIT's warming and the machine's drift touch them all alike.
   */
  private static long[][] measure(Path root, List<Run> runs) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    long[][] times = new long[runs.size()][MEASURED];
    for (int round = 0; round < WARMUP + MEASURED; round++) {
      for (int k = 0; k < runs.size(); k++) {
        int i = (k + round) % runs.size();
        Run run = runs.get(i);
        Path out = Files.createTempDirectory(root, "out");
        List<String> arguments = new ArrayList<>(List.of("-d", out.toString(),
            "-s", out.toString(), "-classpath", JavacRun.runtimeClassPath()));
        arguments.addAll(run.options());
        arguments.addAll(run.sources());
        long start = System.nanoTime();
        int exit = javac.run(null, OutputStream.nullOutputStream(), System.err,
            arguments.toArray(new String[0]));
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (exit != 0) {
          throw new IllegalStateException("javac failed " + run.name());
        }
        if (round >= WARMUP) {
          times[i][round - WARMUP] = millis;
        }
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
