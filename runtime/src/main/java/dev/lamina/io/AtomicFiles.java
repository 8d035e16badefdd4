package dev.lamina.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * Replaces a file so that, whenever the process dies, the file holds either its old content or the
 * new one, complete: the content goes to a temporary file in the same folder (named
 * {@code .<name>.<random>.lamina-tmp}, locked while written), is forced to disk, is renamed over the
 * target atomically, and the folder is forced so the rename survives a power cut. Temporary files
 * that no live process holds (left by a crash) are deleted before each write.
 */
final class AtomicFiles {
  static final String TEMP_SUFFIX = ".lamina-tmp";

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Writes the new content to an open channel. */
  interface Content {
    void writeTo(FileChannel channel) throws IOException;
  }

  private AtomicFiles() {}

  static void write(Path target, Content content) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path folder = absolute.getParent();
    String name = absolute.getFileName().toString();
    removeStaleTemporaries(folder, name);
    Path temporary = folder.resolve(
        "." + name + "." + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE) + TEMP_SUFFIX);
    boolean moved = false;
    try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      FileLock lock = channel.lock();
      try {
        content.writeTo(channel);
        channel.force(true);
        Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE);
        moved = true;
      } finally {
        lock.release();
      }
    } finally {
      if (!moved) {
        Files.deleteIfExists(temporary);
      }
    }
    forceFolder(folder);
  }

  /** Deletes {@code .<name>.*.lamina-tmp} files in {@code folder} that no process holds locked. */
  static void removeStaleTemporaries(Path folder, String name) throws IOException {
    try (DirectoryStream<Path> candidates = Files.newDirectoryStream(folder,
        path -> isTemporaryOf(path.getFileName().toString(), name))) {
      for (Path candidate : candidates) {
        removeIfUnlocked(candidate);
      }
    }
  }

  static boolean isTemporaryOf(String fileName, String name) {
    return fileName.startsWith("." + name + ".") && fileName.endsWith(TEMP_SUFFIX);
  }

  private static void removeIfUnlocked(Path candidate) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(candidate, StandardOpenOption.WRITE);
    } catch (java.nio.file.NoSuchFileException gone) {
      return;
    }
    try (channel) {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException heldByThisProcess) {
        return;
      }
      if (lock == null) {
        return; // another process is writing it
      }
      try {
        Files.deleteIfExists(candidate);
      } finally {
        lock.release();
      }
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
