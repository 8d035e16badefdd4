package dev.lamina.io;

import static com.google.common.truth.Truth.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Forcing behind the writes changes when data reaches the disk, never what the file holds. */
class WriteBehindChannelTest {
  @TempDir Path folder;

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    new Random(n).nextBytes(bytes);
    return bytes;
  }

  private WriteBehindChannel writeInPieces(Path path, byte[] content) throws Exception {
    try (FileChannel file = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      WriteBehindChannel channel = new WriteBehindChannel(file);
      for (int at = 0; at < content.length; at += 1 << 20) {
        ByteBuffer piece = ByteBuffer.wrap(content, at, Math.min(1 << 20, content.length - at));
        while (piece.hasRemaining()) {
          channel.write(piece);
        }
      }
      channel.finish();
      file.force(true);
      return channel;
    }
  }

  @Test
  void aLargeFileIsForcedBehindItsWritesAndHoldsExactlyWhatWasWritten() throws Exception {
    byte[] content = randomBytes((int) (3 * WriteBehindChannel.FLUSH_BYTES) + 12_345);
    Path path = folder.resolve("large");
    WriteBehindChannel channel = writeInPieces(path, content);
    assertThat(channel.flushesStarted()).isAtLeast(1);
    assertThat(Arrays.equals(Files.readAllBytes(path), content)).isTrue();
  }

  @Test
  void aFileSmallerThanOneFlushStartsNoThread() throws Exception {
    byte[] content = randomBytes((int) WriteBehindChannel.FLUSH_BYTES - 1);
    Path path = folder.resolve("small");
    WriteBehindChannel channel = writeInPieces(path, content);
    assertThat(channel.flushesStarted()).isEqualTo(0);
    assertThat(Arrays.equals(Files.readAllBytes(path), content)).isTrue();
  }

  @Test
  void aLargeSaveStillReplacesTheFileWhole() throws Exception {
    Path path = folder.resolve("model.safetensors");
    TestLayers.Linear big = new TestLayers.Linear(3000, 2000, 1); // 24 MB: one flush behind
    ModuleFiles.save(big, path);
    TestLayers.Linear loaded = new TestLayers.Linear(3000, 2000, 2);
    ModuleFiles.loadWeights(loaded, path);
    assertThat(TestLayers.values(loaded)).isEqualTo(TestLayers.values(big));
    try (var files = Files.list(folder)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList())
          .containsExactly("model.safetensors");
    }
  }
}
