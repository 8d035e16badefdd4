package dev.lamina.spark.io;

import dev.lamina.Module;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model as the bytes of its {@link Module#save} file (architecture and weights, safetensors), to
 * ship through a broadcast and rebuild on an executor. The runtime saves and loads through a
 * {@link Path} only, so both directions pass through a temporary file.
 */
public final class ModelBytes {
  private ModelBytes() {}

  /** The bytes {@code model.save} writes. */
  public static byte[] of(Module model) {
    Path file = null;
    try {
      file = Files.createTempFile("lamina-model-", ".safetensors");
      model.save(file);
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialize the model", e);
    } finally {
      deleteQuietly(file);
    }
  }

  /** The model those bytes describe, rebuilt by {@link Module#load}. */
  public static Module rebuild(byte[] bytes) {
    Path file = null;
    try {
      file = Files.createTempFile("lamina-model-", ".safetensors");
      Files.write(file, bytes);
      return Module.load(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rebuild the model from its bytes", e);
    } finally {
      deleteQuietly(file);
    }
  }

  static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // A temporary file left behind is harmless.
      }
    }
  }
}
