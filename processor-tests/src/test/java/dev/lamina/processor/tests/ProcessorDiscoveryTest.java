package dev.lamina.processor.tests;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor runs when found the way Maven's {@code annotationProcessorPaths} finds it: on
 * {@code -processorpath}, by service discovery, with no {@code -processor} option. This matters on
 * JDK 23 and later, which no longer run processors found by accident on the class path. Runs on
 * whatever JDK runs the tests (17 and 25 in this project's checks).
 */
class ProcessorDiscoveryTest {
  private static final String HEADER = "package test;\n"
      + "import dev.lamina.Module;\n"
      + "import dev.lamina.Tensor;\n"
      + "import dev.lamina.annotations.*;\n";

  @Test
  void aLayerWithABadShapeNameFailsTheBuild(@TempDir Path root) throws IOException {
    JavacRun run = JavacRun.compile(root, Map.of("test/Bad.java", HEADER
        + "@Layer abstract class Bad extends Module {\n"
        + "  final int units = 3;\n"
        + "  @Param(shape = {\"unitz\"}) Tensor bias;\n"
        + "  public Tensor forward(Tensor x) { return x.add(bias); }\n"
        + "}\n"));
    assertThat(run.succeeded).isFalse();
    assertThat(run.output).contains("Bad.java:7: error: [ShapeUnknownName] @Param shape entry"
        + " \"unitz\" uses unitz");
    assertThat(run.output).contains("did you mean \"units\"?");
  }

  @Test
  void aGoodLayerIsGeneratedAndRegistered(@TempDir Path root) throws IOException {
    JavacRun run = JavacRun.compile(root, Map.of("test/Good.java", HEADER
        + "@Layer abstract class Good extends Module {\n"
        + "  final int units = 3;\n"
        + "  @Param(shape = {\"units\"}) Tensor bias;\n"
        + "  public Tensor forward(Tensor x) { return x.add(bias); }\n"
        + "}\n"));
    assertThat(run.output).isEmpty();
    assertThat(run.succeeded).isTrue();
    assertThat(Files.exists(run.generatedSources.resolve("test/Lamina_Good.java"))).isTrue();
    assertThat(Files.readString(
            run.classes.resolve("META-INF/services/dev.lamina.registry.LayerFactory")))
        .isEqualTo("test.Lamina_Good$Factory\n");
  }

  @Test
  void factoriesAlreadyListedInTheOutputAreKept(@TempDir Path root) throws IOException {
    Path services = root.resolve("classes/META-INF/services/dev.lamina.registry.LayerFactory");
    Files.createDirectories(services.getParent());
    Files.writeString(services, "# written by hand\nother.HandWrittenFactory\n");
    JavacRun run = JavacRun.compile(root, Map.of("test/Good.java", HEADER
        + "@Layer abstract class Good extends Module {\n"
        + "  public Tensor forward(Tensor x) { return x; }\n"
        + "}\n"));
    assertThat(run.succeeded).isTrue();
    assertThat(Files.readString(services))
        .isEqualTo("other.HandWrittenFactory\ntest.Lamina_Good$Factory\n");
  }

  @Test
  void nothingIsGeneratedOrListedForALayerWithErrors(@TempDir Path root) throws IOException {
    JavacRun run = JavacRun.compile(root, Map.of(
        "test/Good.java", HEADER
            + "@Layer abstract class Good extends Module {\n"
            + "  public Tensor forward(Tensor x) { return x; }\n"
            + "}\n",
        "test/Bad.java", HEADER
            + "@Layer abstract class Bad extends Module {\n"
            + "  @Param(shape = {\"nope\"}) Tensor weight;\n"
            + "  @Param(shape = {\"0\"}) double bias;\n"
            + "  public Tensor forward(Tensor x) { return x; }\n"
            + "}\n"));
    assertThat(run.succeeded).isFalse();
    assertThat(run.output).contains("3 errors");
    assertThat(Files.exists(run.generatedSources.resolve("test/Lamina_Bad.java"))).isFalse();
    assertThat(Files.exists(run.generatedSources.resolve("test/Lamina_Good.java"))).isTrue();
  }
}
