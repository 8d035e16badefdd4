package dev.lamina.io;

import static com.google.common.truth.Truth.assertThat;
import static dev.lamina.io.AtomicFilesHostileFolderTest.write;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link AtomicFiles} replaces: names up to the file system's limit, the file a symbolic link
 * points to (the link stays), the old file's permissions, and failures that name the file.
 */
class AtomicFilesTargetTest {
  @TempDir Path folder;

  @Test
  void savesUnderANameOf240Characters() throws Exception {
    Path target = folder.resolve("m".repeat(228) + ".safetensors");

    write(target, "new");

    assertThat(Files.readString(target)).isEqualTo("new");
  }

  @Test
  void savesUnderANameOf255BytesOfTwoByteCharacters() throws Exception {
    Path target = folder.resolve("é".repeat(126) + "xyz");
    assertThat(target.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .hasLength(255);

    write(target, "new");
    write(target, "newer");

    assertThat(Files.readString(target)).isEqualTo("newer");
    try (var files = Files.list(folder)) {
      assertThat(files.count()).isEqualTo(1);
    }
  }

  @Test
  void writesThroughAChainOfSymbolicLinksAndKeepsThem() throws Exception {
    Path real = Files.createDirectory(folder.resolve("real")).resolve("model.safetensors");
    Files.writeString(real, "old");
    Path middle = Files.createSymbolicLink(folder.resolve("middle"), Path.of("real", "model.safetensors"));
    Path link = Files.createSymbolicLink(folder.resolve("link.safetensors"), Path.of("middle"));

    write(link, "new");

    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.isSymbolicLink(middle)).isTrue();
    assertThat(Files.readString(real)).isEqualTo("new");
    try (var files = Files.list(real.getParent())) {
      assertThat(files.count()).isEqualTo(1);
    }
  }

  @Test
  void aDanglingLinkGetsItsTargetCreated() throws Exception {
    Path real = folder.resolve("real.safetensors");
    Path link = Files.createSymbolicLink(folder.resolve("link.safetensors"), real);

    write(link, "new");

    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(real)).isEqualTo("new");
  }

  @Test
  void aLinkLoopIsAnErrorNamingTheLink() throws Exception {
    Path a = folder.resolve("a");
    Path b = folder.resolve("b");
    Files.createSymbolicLink(a, b);
    Files.createSymbolicLink(b, a);

    FileSystemException e = assertThrows(FileSystemException.class, () -> write(a, "new"));

    assertThat(e.getFile()).isEqualTo(a.toAbsolutePath().toString());
    assertThat(Files.isSymbolicLink(a)).isTrue();
  }

  @Test
  void keepsTheOldFilesPermissions() throws Exception {
    Path target = folder.resolve("model.safetensors");
    Files.writeString(target, "old");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));

    write(target, "new");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-------");

    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
    write(target, "newer");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-r-----");
    assertThat(Files.readString(target)).isEqualTo("newer");
  }

  @Test
  void aFullDiskIsReportedWithThePath() throws Exception {
    Path target = folder.resolve("model.safetensors");
    IOException full = new IOException("No space left on device");

    IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, channel -> {
      throw full;
    }));

    assertThat(e.getClass()).isEqualTo(IOException.class);
    assertThat(e).hasMessageThat().contains(target.toAbsolutePath().toString());
    assertThat(e).hasMessageThat().contains("No space left on device");
    assertThat(e).hasCauseThat().isSameInstanceAs(full);
    assertThat(Files.exists(target)).isFalse();
    try (var files = Files.list(folder)) {
      assertThat(files.count()).isEqualTo(0);
    }
  }
}
