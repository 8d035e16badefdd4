package dev.lamina.io;

import dev.lamina.Tensor;
import dev.lamina.io.safetensors.SafetensorsException;
import dev.lamina.io.safetensors.SafetensorsReader;
import dev.lamina.io.safetensors.SafetensorsWriter;
import dev.lamina.optim.Optimizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An optimizer's state in a safetensors file of its own, beside the model's: its
 * {@link Optimizer#stateDict()} as tensors, and the optimizer's kind in the metadata under
 * {@value #KIND_KEY}, so that a training run saved with both resumes exactly (Adam's moments, SGD's
 * momentum and the count of steps included).
 *
 * <pre>{@code
 * model.save(dir.resolve("model.safetensors"));
 * OptimizerFiles.save(adam, dir.resolve("optimizer.safetensors"));
 * // later, with the same model and a new Adam over its parameters:
 * OptimizerFiles.load(adam, dir.resolve("optimizer.safetensors"));
 * }</pre>
 */
public final class OptimizerFiles {
  /** The metadata key of the optimizer's kind, its class's simple name: {@code Adam}. */
  public static final String KIND_KEY = "lamina.optimizer";

  private OptimizerFiles() {}

  /** Writes {@code optimizer}'s state to {@code path}, atomically. */
  public static void save(Optimizer optimizer, Path path) throws IOException {
    SafetensorsWriter writer = new SafetensorsWriter()
        .putMetadata(KIND_KEY, optimizer.getClass().getSimpleName());
    optimizer.stateDict().forEach(writer::add);
    AtomicFiles.write(path, writer::write);
  }

  /**
   * Restores {@code optimizer}'s state from {@code path}, strictly: the file must be the state of
   * an optimizer of the same kind over parameters of the same shapes; otherwise nothing changes.
   *
   * @throws SafetensorsException if the file cannot be read, is of another kind, or does not fit
   */
  public static void load(Optimizer optimizer, Path path) throws IOException {
    try (SafetensorsReader file = SafetensorsReader.open(path)) {
      String kind = file.metadata().get(KIND_KEY);
      String expected = optimizer.getClass().getSimpleName();
      if (!expected.equals(kind)) {
        throw new SafetensorsException(path + ": holds the state of "
            + (kind == null ? "no optimizer (no \"" + KIND_KEY + "\" in the metadata)" : kind)
            + ", not of " + expected);
      }
      Map<String, Tensor> state = new LinkedHashMap<>();
      for (String key : file.tensors().keySet()) {
        state.put(key, file.read(key).tensor());
      }
      try {
        optimizer.loadStateDict(state);
      } catch (IllegalArgumentException e) {
        throw new SafetensorsException(path + ": " + e.getMessage(), e);
      }
    }
  }
}
