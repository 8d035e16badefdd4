package dev.lamina.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Locale;
import java.util.Set;

/**
 * Replaces a file so that, whenever the process dies, the file holds either its old content or the
 * new one, complete: the content goes to a temporary file in the same folder (see
 * {@link TemporaryFiles}; large content is forced to disk behind the writes, see
 * {@link WriteBehindChannel}), is forced to disk, is renamed over the target atomically, and the folder
 * is forced so the rename survives a power cut. Temporary files that a killed process left are
 * deleted by the next write.
 *
 * <p>A target that is a symbolic link is written through, as {@code torch.save} does: the chain of
 * links is followed and the file at its end is replaced, so the links stay. The replaced file's
 * POSIX permissions carry over to the new one.
 */
final class AtomicFiles {
  static final String TEMP_SUFFIX = ".lamina-tmp";

  /** As Linux's {@code MAXSYMLINKS}. */
  private static final int MAX_LINKS = 40;

  /** Writes the new content to an open channel. */
  interface Content {
    void writeTo(WritableByteChannel channel) throws IOException;
  }

  private AtomicFiles() {}

  /**
   * Replaces the file at {@code target} (or at the end of its chain of links) with what
   * {@code content} writes. A plain {@link IOException} (a full disk, say) is rethrown with the
   * target in its message; more specific ones, which name their file already, as they are.
   */
  static void write(Path target, Content content) throws IOException {
    Path destination = followLinks(target.toAbsolutePath());
    try {
      replace(destination, content);
    } catch (IOException e) {
      if (e.getClass() != IOException.class) {
        throw e;
      }
      String where = destination.equals(target.toAbsolutePath())
          ? destination.toString()
          : target + " (a link to " + destination + ")";
      throw new IOException("cannot save " + where + ": " + e.getMessage(), e);
    }
  }

  private static void replace(Path destination, Content content) throws IOException {
    Path folder = destination.getParent();
    String name = destination.getFileName().toString();
    Set<PosixFilePermission> permissions = permissionsOf(destination);
    try (TemporaryFiles.Temporary temporary =
        TemporaryFiles.create(folder, name, permissions != null)) {
      TemporaryFiles.removeStale(folder, name, temporary);
      WriteBehindChannel channel = new WriteBehindChannel(temporary.channel);
      try {
        content.writeTo(channel);
      } catch (IOException | RuntimeException | Error e) {
        channel.awaitFlush();
        throw e;
      }
      channel.finish();
      temporary.channel.force(true);
      if (permissions != null) {
        Files.setPosixFilePermissions(temporary.path, permissions);
      }
      Files.move(temporary.path, destination, StandardCopyOption.ATOMIC_MOVE);
      temporary.moved();
    }
    forceFolder(folder);
  }

  /** The file at the end of {@code path}'s chain of symbolic links ({@code path} if it is none). */
  static Path followLinks(Path path) throws IOException {
    Path current = path;
    for (int links = 0; links <= MAX_LINKS; links++) {
      if (!Files.isSymbolicLink(current)) {
        return current;
      }
      current = current.resolveSibling(Files.readSymbolicLink(current));
    }
    throw new FileSystemException(path.toString(), null,
        "more than " + MAX_LINKS + " symbolic links to follow; do they form a loop?");
  }

  /** The POSIX permissions of an existing file, or null for a new file or a non-POSIX file system. */
  private static Set<PosixFilePermission> permissionsOf(Path file) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view == null) {
      return null;
    }
    try {
      return view.readAttributes().permissions();
    } catch (NoSuchFileException newFile) {
      return null;
    }
  }

  private static void forceFolder(Path folder) throws IOException {
    if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
      return; // Windows cannot open a folder as a channel; NTFS journals the rename itself.
    }
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
