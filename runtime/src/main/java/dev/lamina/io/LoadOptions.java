package dev.lamina.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * How {@link ModuleFiles#loadWeights} matches a checkpoint's keys to a model's parameters.
 * Immutable: each method returns a new value.
 *
 * <pre>{@code
 * // a checkpoint saved from a model wrapped in DataParallel, loaded into the bare model
 * ModuleFiles.loadWeights(model, path, LoadOptions.strict().stripPrefix("module."));
 * // one parameter renamed since the checkpoint was written
 * ModuleFiles.loadWeights(model, path, LoadOptions.strict().rename("fc.weight", "head.weight"));
 * }</pre>
 */
public final class LoadOptions {
  private final boolean strict;
  private final Map<String, String> renames;
  private final List<UnaryOperator<String>> mappings;

  private LoadOptions(boolean strict, Map<String, String> renames, List<UnaryOperator<String>> mappings) {
    this.strict = strict;
    this.renames = Collections.unmodifiableMap(renames);
    this.mappings = Collections.unmodifiableList(mappings);
  }

  /**
   * Every parameter of the model must be in the checkpoint and every key of the checkpoint must be
   * a parameter (the default, as PyTorch's {@code strict=True}).
   */
  public static LoadOptions strict() {
    return new LoadOptions(true, new LinkedHashMap<>(), new ArrayList<>());
  }

  /**
   * Missing and unexpected keys are skipped and listed in the {@link LoadResult}; a key present on
   * both sides must still have the same shape (as PyTorch's {@code strict=False}).
   */
  public static LoadOptions nonStrict() {
    return new LoadOptions(false, new LinkedHashMap<>(), new ArrayList<>());
  }

  /** Loads the checkpoint's {@code checkpointKey} into the model's parameter {@code modelKey}. */
  public LoadOptions rename(String checkpointKey, String modelKey) {
    Map<String, String> next = new LinkedHashMap<>(renames);
    next.put(Objects.requireNonNull(checkpointKey), Objects.requireNonNull(modelKey));
    return new LoadOptions(strict, next, mappings);
  }

  /**
   * Maps every checkpoint key that {@link #rename} does not name to a model key; mappings added
   * later apply to the result of earlier ones. {@code mapping} must not return null.
   */
  public LoadOptions mapKeys(UnaryOperator<String> mapping) {
    List<UnaryOperator<String>> next = new ArrayList<>(mappings);
    next.add(Objects.requireNonNull(mapping));
    return new LoadOptions(strict, renames, next);
  }

  /** Removes {@code prefix} from the checkpoint keys that start with it. */
  public LoadOptions stripPrefix(String prefix) {
    return mapKeys(key -> key.startsWith(prefix) ? key.substring(prefix.length()) : key);
  }

  /** Puts {@code prefix} before every checkpoint key. */
  public LoadOptions addPrefix(String prefix) {
    return mapKeys(key -> prefix + key);
  }

  /** Whether missing and unexpected keys are errors. */
  public boolean isStrict() {
    return strict;
  }

  /** The model key that {@code checkpointKey} loads into. */
  String modelKeyFor(String checkpointKey) {
    String renamed = renames.get(checkpointKey);
    if (renamed != null) {
      return renamed;
    }
    String key = checkpointKey;
    for (UnaryOperator<String> mapping : mappings) {
      key = mapping.apply(key);
      if (key == null) {
        throw new IllegalArgumentException(
            "LoadOptions.mapKeys: the mapping returned null for checkpoint key \"" + checkpointKey + "\"");
      }
    }
    return key;
  }
}
