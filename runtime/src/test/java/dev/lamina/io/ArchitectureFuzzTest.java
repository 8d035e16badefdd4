package dev.lamina.io;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lamina.Generator;
import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.io.safetensors.SafetensorsException;
import dev.lamina.io.safetensors.SafetensorsWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile architectures, with weights that fit them, are rebuilt or refused with a
 * {@link SafetensorsException}, nothing else; what is rebuilt loads, saves and loads again.
 *
 * <p>Under {@code mvn test} the fuzz test runs once per file in its seed corpus,
 * {@code src/test/resources/dev/lamina/io/ArchitectureFuzzTestInputs/rebuildsOrRefuses} (each an
 * architecture's JSON). To fuzz for real:
 *
 * <pre>
 * JAZZER_FUZZ=1 mvn -B -o -pl runtime -am test -Dtest=ArchitectureFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class ArchitectureFuzzTest {
  /** The most weight values the test writes for an architecture (more are refused unwritten). */
  private static final long MAX_VALUES = 1 << 20;

  @TempDir Path folder;

  @FuzzTest(maxDuration = "10m", maxExecutions = 1_000_000)
  void rebuildsOrRefuses(byte[] data) throws IOException {
    String architecture = new String(data, StandardCharsets.UTF_8);
    Path folder = Files.createTempDirectory("lamina-architecture-fuzz");
    Path file = folder.resolve("model.safetensors");
    try {
      SafetensorsWriter writer = new SafetensorsWriter()
          .putMetadata(ModuleFiles.ARCHITECTURE_KEY, architecture);
      boolean fits = addFittingWeights(architecture, writer);
      Files.write(file, writer.toBytes());
      Module loaded;
      try {
        loaded = Module.load(file);
      } catch (SafetensorsException refused) {
        return;
      }
      assertThat(fits).isTrue();
      Path again = folder.resolve("again.safetensors");
      loaded.save(again);
      assertThat(Module.load(again).namedParameters().keySet())
          .containsExactlyElementsIn(loaded.namedParameters().keySet()).inOrder();
    } catch (IllegalArgumentException unsavable) {
      // A config value the rebuilt layer keeps but a file cannot hold; nothing was written.
      assertThat(unsavable).hasMessageThat().containsMatch("config entry|nested|contains itself");
    } finally {
      try (var files = Files.list(folder)) {
        for (Path p : (Iterable<Path>) files::iterator) {
          Files.delete(p);
        }
      }
      Files.delete(folder);
    }
  }

  /** Adds the weights of the rebuilt model, if it rebuilds and they are not too many. */
  private static boolean addFittingWeights(String architecture, SafetensorsWriter writer) {
    Map<String, Tensor> expected;
    try {
      expected = Architecture.rebuild(architecture).namedParameters();
    } catch (ArchitectureException refusedLater) {
      return false;
    }
    long values = 0;
    for (Tensor t : expected.values()) {
      values += t.numel();
    }
    if (values > MAX_VALUES) {
      return false;
    }
    Generator random = new Generator(values);
    expected.forEach((name, t) -> writer.add(name, Tensor.randn(random, t.shape())));
    return true;
  }

  @Test
  void seedsNamedValidLoadWithTheirWeightsAndAllOthersAreRefused() throws Exception {
    Path corpus = Path.of(getClass().getResource("ArchitectureFuzzTestInputs/rebuildsOrRefuses").toURI());
    List<Path> seeds;
    try (Stream<Path> files = Files.list(corpus)) {
      seeds = files.sorted().toList();
    }
    assertThat(seeds.size()).isAtLeast(10);
    for (Path seed : seeds) {
      String name = seed.getFileName().toString();
      String architecture = new String(Files.readAllBytes(seed), StandardCharsets.UTF_8);
      SafetensorsWriter writer = new SafetensorsWriter()
          .putMetadata(ModuleFiles.ARCHITECTURE_KEY, architecture);
      addFittingWeights(architecture, writer);
      Path file = folder.resolve(name + ".safetensors");
      Files.write(file, writer.toBytes());
      boolean loaded;
      try {
        Module.load(file);
        loaded = true;
      } catch (SafetensorsException e) {
        loaded = false;
      }
      assertWithMessage(name).that(loaded).isEqualTo(name.startsWith("valid_"));
    }
  }
}
