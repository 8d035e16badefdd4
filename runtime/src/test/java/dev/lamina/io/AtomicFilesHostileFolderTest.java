package dev.lamina.io;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AtomicFiles} in a folder that others write to as well: files planted under the names its
 * temporary files take, and several threads saving to one path at once.
 */
class AtomicFilesHostileFolderTest {
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @TempDir Path folder;

  @Test
  void aPlantedFifoDoesNotBlockTheSave() throws Exception {
    Path target = folder.resolve("model.safetensors");
    Path fifo = folder.resolve(".model.safetensors.0123456789abcdef" + AtomicFiles.TEMP_SUFFIX);
    assumeTrue(mkfifo(fifo), "mkfifo is not available");
    Files.createSymbolicLink(folder.resolve(".model.safetensors.1" + AtomicFiles.TEMP_SUFFIX), fifo);

    assertTimeoutPreemptively(PATIENCE, () -> write(target, "new"));

    assertThat(Files.readString(target)).isEqualTo("new");
    assertThat(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS)).isTrue();
  }

  @Test
  void aPlantedDirectoryDoesNotFailTheSave() throws Exception {
    Path target = folder.resolve("model.safetensors");
    Path directory = Files.createDirectory(
        folder.resolve(".model.safetensors.0123456789abcdef" + AtomicFiles.TEMP_SUFFIX));

    write(target, "new");

    assertThat(Files.readString(target)).isEqualTo("new");
    assertThat(Files.isDirectory(directory)).isTrue();
  }

  @Test
  void aPlantedFileThatIsNotOursIsNeitherOpenedNorDeleted() throws Exception {
    Path target = folder.resolve("model.safetensors");
    Path planted = folder.resolve(".model.safetensors.0123456789abcdef" + AtomicFiles.TEMP_SUFFIX);
    Files.writeString(planted, "someone else's");
    Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("---------"));
    boolean foreign = chown(planted, "4242");

    write(target, "new");

    assertThat(Files.readString(target)).isEqualTo("new");
    if (foreign) {
      assertThat(Files.exists(planted)).isTrue();
    }
  }

  @Test
  void concurrentSavesToOnePathAllSucceedAndTheLastRenameWins() throws Exception {
    Path target = folder.resolve("model.safetensors");
    int threads = 4;
    int savesEach = 150;
    AtomicInteger failures = new AtomicInteger();
    List<Throwable> first = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String content = ("thread " + t + " ").repeat(500);
        done.add(pool.submit(() -> {
          for (int i = 0; i < savesEach; i++) {
            try {
              write(target, content);
            } catch (IOException | RuntimeException e) {
              failures.incrementAndGet();
              synchronized (first) {
                first.add(e);
              }
            }
          }
        }));
      }
      for (Future<?> future : done) {
        future.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(first).isEmpty();
    assertThat(failures.get()).isEqualTo(0);
    assertThat(Files.readString(target)).matches("(thread \\d )+");
    try (var files = Files.list(folder)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList())
          .containsExactly("model.safetensors");
    }
  }

  static void write(Path target, String content) throws IOException {
    AtomicFiles.write(target,
        channel -> channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8))));
  }

  private static boolean mkfifo(Path path) throws Exception {
    try {
      return new ProcessBuilder("mkfifo", path.toString()).start().waitFor() == 0;
    } catch (IOException notInstalled) {
      return false;
    }
  }

  /** Gives {@code path} to another user where this process may (as root); false otherwise. */
  private static boolean chown(Path path, String uid) throws Exception {
    try {
      Process chown = new ProcessBuilder("chown", uid, path.toString())
          .redirectErrorStream(true).start();
      chown.getInputStream().readAllBytes();
      return chown.waitFor() == 0;
    } catch (IOException notInstalled) {
      return false;
    }
  }
}
