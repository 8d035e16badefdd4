package dev.lamina.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary files of {@link AtomicFiles}: each one created exclusively under a fresh random
 * name {@code .<target name, cut to 64 bytes>.<16 hex digits>.lamina-tmp} in the target's folder
 * (at most 93 bytes, so any name the file system allows for the target works), locked while it is
 * written; and the cleanup of the ones a killed process left.
 *
 * <p>The folder may be shared, so a file that merely has a temporary file's name is never trusted:
 * the cleanup deletes only regular files owned by this process's user that nobody holds locked, opens
 * them without following links and in a mode that cannot block on a FIFO, and skips whatever it
 * cannot handle instead of failing the save.
 */
final class TemporaryFiles {
  private static final int MAX_PREFIX_BYTES = 64;
  private static final int MAX_ATTEMPTS = 8;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final FileAttribute<?> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  /**
   * The names of the temporary files this process is writing. Listed before they are created, so
   * that a save in another thread never opens one (closing any channel of a file drops every lock
   * this process holds on it).
   */
  private static final Set<String> LIVE = ConcurrentHashMap.newKeySet();

  private TemporaryFiles() {}

  /** A created temporary file, open for writing and locked; closing it deletes it unless moved. */
  static final class Temporary implements AutoCloseable {
    final Path path;
    final FileChannel channel;
    private final FileLock lock;
    private boolean moved;

    private Temporary(Path path, FileChannel channel, FileLock lock) {
      this.path = path;
      this.channel = channel;
      this.lock = lock;
    }

    /** Marks the file as renamed to its target, so that closing leaves it. */
    void moved() {
      moved = true;
    }

    @Override
    public void close() throws IOException {
      try (channel) {
        if (!moved) {
          Files.deleteIfExists(path);
        }
        lock.release();
      } finally {
        LIVE.remove(path.getFileName().toString());
      }
    }
  }

  /**
   * Creates a temporary file for {@code targetName} in {@code folder}: readable and writable by its
   * owner only when {@code ownerOnly} (the caller then sets the final permissions), else with the
   * default permissions of a new file.
   */
  static Temporary create(Path folder, String targetName, boolean ownerOnly) throws IOException {
    FileAttribute<?>[] attributes =
        ownerOnly ? new FileAttribute<?>[] {OWNER_ONLY} : new FileAttribute<?>[0];
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      String name =
          prefix(targetName) + String.format("%016x", RANDOM.nextLong()) + AtomicFiles.TEMP_SUFFIX;
      Path path = folder.resolve(name);
      LIVE.add(name);
      FileChannel channel = null;
      try {
        channel = FileChannel.open(path,
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes);
        FileLock lock = channel.lock();
        // Another process's cleanup may have deleted the file between its creation and the lock;
        // once the lock is held, no cleanup deletes it.
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
          return new Temporary(path, channel, lock);
        }
        channel.close();
        LIVE.remove(name);
      } catch (FileAlreadyExistsException taken) {
        LIVE.remove(name);
      } catch (IOException | RuntimeException | Error e) {
        if (channel != null) {
          try (FileChannel created = channel) {
            Files.deleteIfExists(path);
          } catch (IOException suppressed) {
            e.addSuppressed(suppressed);
          }
        }
        LIVE.remove(name);
        throw e;
      }
    }
    throw new IOException(folder + ": could not create a temporary file for " + targetName
        + " in " + MAX_ATTEMPTS + " attempts");
  }

  /** Whether {@code fileName} has the form of a temporary file of a target {@code targetName}. */
  static boolean isTemporaryOf(String fileName, String targetName) {
    return fileName.startsWith(prefix(targetName)) && fileName.endsWith(AtomicFiles.TEMP_SUFFIX);
  }

  /**
   * Deletes the temporary files of {@code targetName} in {@code folder} that a process left when it
   * died: regular files with the owner of {@code ours} (a temporary file just created) that no
   * process holds locked. Best effort: a file it cannot inspect, open or lock is left alone.
   */
  static void removeStale(Path folder, String targetName, Temporary ours) {
    UserPrincipal owner;
    try {
      owner = Files.getOwner(ours.path, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | RuntimeException noOwners) {
      return; // without owners to compare, no file is known to be ours
    }
    try (DirectoryStream<Path> candidates = Files.newDirectoryStream(folder,
        path -> isTemporaryOf(path.getFileName().toString(), targetName))) {
      for (Path candidate : candidates) {
        if (!LIVE.contains(candidate.getFileName().toString())) {
          removeIfStale(candidate, owner);
        }
      }
    } catch (IOException | RuntimeException cannotList) {
      // Leftovers stay until a later save; the save itself does not depend on them.
    }
  }

  private static void removeIfStale(Path candidate, UserPrincipal owner) {
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(candidate, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attributes.isRegularFile()
          || !owner.equals(Files.getOwner(candidate, LinkOption.NOFOLLOW_LINKS))) {
        return;
      }
      // READ and WRITE: opening a FIFO (swapped in since the check) for both does not wait for a peer.
      try (FileChannel channel = FileChannel.open(candidate, StandardOpenOption.READ,
          StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
        FileLock lock = channel.tryLock();
        if (lock == null) {
          return; // a live process is writing it
        }
        try {
          Files.deleteIfExists(candidate);
        } finally {
          lock.release();
        }
      }
    } catch (IOException | RuntimeException notOurs) {
      // Gone, not a file, not ours, locked by this process, or not openable: not a leftover to remove.
    }
  }

  /** {@code .<name>.}, the name cut at a character boundary to {@link #MAX_PREFIX_BYTES} UTF-8 bytes. */
  private static String prefix(String targetName) {
    int end = 0;
    int bytes = 0;
    while (end < targetName.length()) {
      int codePoint = targetName.codePointAt(end);
      int length = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + length > MAX_PREFIX_BYTES) {
        break;
      }
      bytes += length;
      end += Character.charCount(codePoint);
    }
    return "." + targetName.substring(0, end) + ".";
  }
}
