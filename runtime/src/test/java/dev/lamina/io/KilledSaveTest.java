package dev.lamina.io;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.lamina.Tensor;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed at random moments while it saves over a file never leaves that file torn: after
 * each kill the file loads and holds one whole generation, and the next save removes the killed
 * process's temporary file.
 */
class KilledSaveTest {
  private static final int KILLS = 30;

  @TempDir Path folder;

  /** About 8 MB of parameters, so that a save takes long enough to be interrupted. */
  static TestLayers.MyLinear model() {
    return new TestLayers.MyLinear(1000, 2000, 0);
  }

  @Test
  void killedSavesLeaveThePreviousFileIntact() throws Exception {
    Path path = folder.resolve("model.safetensors");
    TestLayers.MyLinear mine = model();
    // The first file is one generation too, in case a child is killed before it saves once.
    for (Tensor p : mine.namedParameters().values()) {
      p.fill(1f);
    }
    ModuleFiles.save(mine, path);
    Random random = new Random(2024);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    float lastGeneration = 0;
    int killsThatLeftATemporary = 0;
    for (int kill = 0; kill < KILLS; kill++) {
      // Generations stay below 2^24, where floats count exactly; the child counts up from base.
      float base = (kill + 1) * 100_000f;
      Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
          SaveLoop.class.getName(), path.toString(), Float.toString(base))
          .redirectErrorStream(true)
          .start();
      try {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        assertWithMessage("child's first line").that(out.readLine()).isEqualTo("ready");
        Thread.sleep(random.nextInt(400));
        assertWithMessage("child alive before kill %s", kill).that(child.isAlive()).isTrue();
      } finally {
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }

      if (!temporaries().isEmpty()) {
        killsThatLeftATemporary++;
      }
      float generation = wholeGeneration(path, kill);
      assertWithMessage("generation after kill %s", kill).that(generation).isAtLeast(lastGeneration);
      lastGeneration = generation;

      // The next save, of a generation between this child's and the next one's, cleans up what the
      // killed process left.
      lastGeneration = base + 99_999f;
      for (Tensor p : mine.namedParameters().values()) {
        p.fill(lastGeneration);
      }
      ModuleFiles.save(mine, path);
      assertWithMessage("temporary files after the save following kill %s", kill).that(temporaries()).isEmpty();
    }
    // The kills did land in the middle of saves, not only between them.
    assertThat(killsThatLeftATemporary).isAtLeast(KILLS / 6);
  }

  /** Loads the file and checks that every value is one generation's; returns that generation. */
  private static float wholeGeneration(Path path, int kill) throws Exception {
    TestLayers.MyLinear loaded = (TestLayers.MyLinear) ModuleFiles.load(path);
    float[] values = TestLayers.values(loaded);
    assertThat(values.length).isEqualTo(1000 * 2000 + 2000);
    float first = values[0];
    for (int i = 0; i < values.length; i++) {
      if (values[i] != first) {
        throw new AssertionError("after kill " + kill + " the file mixes generations " + first
            + " and " + values[i] + " (at value " + i + ")");
      }
    }
    return first;
  }

  private List<String> temporaries() throws Exception {
    try (var files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(AtomicFiles.TEMP_SUFFIX)).toList();
    }
  }
}
