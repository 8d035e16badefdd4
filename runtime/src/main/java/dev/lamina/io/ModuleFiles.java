package dev.lamina.io;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.io.json.StrictJson;
import dev.lamina.io.safetensors.SafetensorsException;
import dev.lamina.io.safetensors.SafetensorsReader;
import dev.lamina.io.safetensors.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Saves models to safetensors files and loads them back: weights under PyTorch's names and layouts
 * (so {@code torch} loads them with {@code load_state_dict(strict=True)}, and Lamina loads PyTorch's),
 * and the architecture in the metadata, so {@link #load} rebuilds the model with no code of the user's
 * beyond the layer classes.
 *
 * <pre>{@code
 * ModuleFiles.save(net, Path.of("net.safetensors"));
 * Module copy = ModuleFiles.load(Path.of("net.safetensors"));
 * ModuleFiles.loadWeights(other, Path.of("net.safetensors"));          // strict
 * }</pre>
 *
 * <p>The file's metadata holds {@code format: pt}; {@code lamina.architecture}, the module tree as
 * JSON, each module {@code {"type": "...", "config": {...}, "children": {"0": {...}}}} and a module met
 * a second time {@code {"sameAs": "0"}} (its first path), a child left null {@code null}; and, when
 * a module is used twice, {@code lamina.aliases}: a JSON object from each parameter's second name to
 * the name it is stored under, e.g. {@code {"2.weight": "0.weight"}}, for PyTorch's
 * {@code load_state_dict}. Modules shared in a lattice have exponentially many names; beyond
 * 100,000 the aliases are left out (PyTorch's {@code state_dict} would be as large) and
 * {@code sameAs} alone carries the sharing.
 */
public final class ModuleFiles {
  /** The metadata key of the parameter aliases. */
  public static final String ALIASES_KEY = "lamina.aliases";

  /** The metadata key of the architecture. */
  public static final String ARCHITECTURE_KEY = Architecture.METADATA_KEY;

  private ModuleFiles() {}

  /**
   * Saves {@code module}'s parameters and architecture to {@code path}, atomically: if this fails or
   * the process dies, the file at {@code path} is as it was.
   *
   * @throws IllegalArgumentException if a config value cannot be saved (see {@link Module#config()})
   */
  public static void save(Module module, Path path) throws IOException {
    SafetensorsWriter writer = new SafetensorsWriter()
        .putMetadata(Architecture.METADATA_KEY, StrictJson.write(Architecture.describe(module)));
    Map<String, String> aliases = ParameterAliases.of(module);
    if (!aliases.isEmpty()) {
      writer.putMetadata(ALIASES_KEY, StrictJson.write(aliases));
    }
    module.stateDict().forEach(writer::add);
    AtomicFiles.write(path, writer::write);
  }

  /** Loads the weights at {@code path} into {@code module}, strictly. */
  public static LoadResult loadWeights(Module module, Path path) throws IOException {
    return loadWeights(module, path, LoadOptions.strict());
  }

  /**
   * Loads the weights at {@code path} into {@code module}. Values of other types than F32 are
   * converted; {@link LoadResult#lossyConversions()} lists those that changed.
   *
   * <p>The values are read from the file straight into {@code module}'s allocated float32
   * parameters and buffers, after the file and the keys have been checked.
   *
   * @throws SafetensorsException if the file cannot be read or breaks the format; the model is
   *     then unchanged, unless the file shrank or the disk failed while the values were read, when
   *     the message names the tensors already loaded
   * @throws StateDictException if keys or shapes do not fit; the model is then unchanged
   */
  public static LoadResult loadWeights(Module module, Path path, LoadOptions options)
      throws IOException {
    try (SafetensorsReader file = SafetensorsReader.open(path)) {
      return WeightLoader.load(module, Checkpoint.of(file, path.toString()), options);
    }
  }

  /** Loads {@code stateDict} into {@code module}, strictly. */
  public static LoadResult loadWeights(Module module, Map<String, Tensor> stateDict) {
    return loadWeights(module, stateDict, LoadOptions.strict());
  }

  /**
   * Loads {@code stateDict} (copying its values) into {@code module}.
   *
   * @throws StateDictException if keys or shapes do not fit; the model is then unchanged
   */
  public static LoadResult loadWeights(Module module, Map<String, Tensor> stateDict,
      LoadOptions options) {
    try {
      return WeightLoader.load(module, Checkpoint.of(stateDict), options);
    } catch (IOException e) {
      throw new AssertionError("an in-memory checkpoint cannot fail to read", e);
    }
  }

  /**
   * Rebuilds the model saved at {@code path} from its architecture, each layer made by its
   * registered factory, and loads its weights strictly; a module saved once per use is one instance
   * again.
   *
   * <p>The layers are built with initialization {@linkplain Module#deferInit() deferred} and take
   * the file's values as their parameters, so a file can make Lamina allocate no more than the
   * weights it holds; a lazy layer saved after its first call is materialized from them.
   *
   * @throws ArchitectureException if the architecture is malformed, names a type that is not
   *     registered, or holds a config value or child its layer does not take
   * @throws SafetensorsException if the file cannot be read, has no architecture, or its weights do
   *     not fit the rebuilt model
   */
  public static Module load(Path path) throws IOException {
    try (SafetensorsReader file = SafetensorsReader.open(path)) {
      String json = file.metadata().get(Architecture.METADATA_KEY);
      if (json == null) {
        throw new SafetensorsException(
            path + ": no \"" + Architecture.METADATA_KEY + "\" in the metadata: the file holds"
                + " weights only; build the model in code and use loadWeights");
      }
      Module module;
      try {
        module = Architecture.rebuild(json);
      } catch (ArchitectureException e) {
        throw e.in(path.toString());
      }
      try {
        WeightLoader.load(module, Checkpoint.of(file, path.toString()), LoadOptions.strict());
      } catch (StateDictException e) {
        throw new SafetensorsException(
            path + ": the weights do not fit the architecture it describes: " + e.getMessage(), e);
      }
      return module;
    }
  }

  /**
   * Every tensor at {@code path}, in file order, each in its own kind: integers as int64, BOOL as
   * bool, floating types as float32 (see {@link SafetensorsReader#read}).
   */
  public static Map<String, Tensor> readStateDict(Path path) throws IOException {
    Map<String, Tensor> out = new LinkedHashMap<>();
    try (SafetensorsReader file = SafetensorsReader.open(path)) {
      for (String name : file.tensors().keySet()) {
        out.put(name, file.read(name).tensor());
      }
    }
    return out;
  }
}
