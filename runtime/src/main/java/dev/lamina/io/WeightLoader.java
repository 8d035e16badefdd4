package dev.lamina.io;

import dev.lamina.Module;
import dev.lamina.Tensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Loads a checkpoint into a model in three steps, so that a failure leaves the model untouched:
 * match keys and shapes (collecting every problem), read every value, then copy.
 */
final class WeightLoader {
  private WeightLoader() {}

  static LoadResult load(Module model, Checkpoint checkpoint, LoadOptions options) throws IOException {
    Map<String, Tensor> parameters = model.namedParameters();
    Map<String, String> aliases = ParameterAliases.of(model);

    // 1. Match: model name -> checkpoint key, collecting every problem before touching anything.
    Map<String, String> sourceOf = new LinkedHashMap<>();
    Map<String, String> claimedBy = new LinkedHashMap<>();
    List<String> unexpected = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Set<String> mismatched = new HashSet<>();
    for (String key : checkpoint.keys()) {
      String target = options.modelKeyFor(key);
      String previous = claimedBy.putIfAbsent(target, key);
      if (previous != null) {
        problems.add("checkpoint keys \"" + previous + "\" and \"" + key + "\" both map to \""
            + target + "\".");
        continue;
      }
      String name = parameters.containsKey(target) ? target : aliases.get(target);
      if (name == null) {
        unexpected.add(key);
        continue;
      }
      long[] fileShape = checkpoint.shape(key);
      int[] modelShape = parameters.get(name).shape();
      if (!sameShape(fileShape, modelShape)) {
        problems.add("size mismatch for " + target + ": copying a param with shape "
            + Arrays.toString(fileShape) + " from checkpoint, the shape in current model is "
            + Arrays.toString(modelShape) + ".");
        mismatched.add(name);
        continue;
      }
      // A tied parameter listed under both of its names (as PyTorch writes it): the first name wins.
      if (!sourceOf.containsKey(name) || name.equals(target)) {
        sourceOf.put(name, key);
      }
    }
    List<String> missing = new ArrayList<>();
    for (String name : parameters.keySet()) {
      if (!sourceOf.containsKey(name) && !mismatched.contains(name)) {
        missing.add(name);
      }
    }
    boolean strict = options.isStrict();
    if (!problems.isEmpty() || (strict && (!missing.isEmpty() || !unexpected.isEmpty()))) {
      throw failure(model, checkpoint, strict ? missing : List.of(), strict ? unexpected : List.of(),
          problems);
    }

    // 2. Read every value; a read that fails here has changed nothing.
    Map<String, float[]> values = new LinkedHashMap<>();
    List<String> lossy = new ArrayList<>();
    for (Map.Entry<String, String> e : sourceOf.entrySet()) {
      Checkpoint.Values v = checkpoint.read(e.getValue());
      values.put(e.getKey(), v.data);
      if (v.lossyConversion != null) {
        lossy.add(e.getValue() + ": " + v.lossyConversion);
      }
    }

    // 3. Copy.
    for (Map.Entry<String, float[]> e : values.entrySet()) {
      Tensor parameter = parameters.get(e.getKey());
      parameter.copyFrom(Tensor.wrap(e.getValue(), parameter.shape()));
    }
    List<String> loaded = new ArrayList<>(values.keySet());
    return new LoadResult(loaded, missing, unexpected, lossy);
  }

  private static boolean sameShape(long[] fileShape, int[] modelShape) {
    if (fileShape.length != modelShape.length) {
      return false;
    }
    for (int i = 0; i < fileShape.length; i++) {
      if (fileShape[i] != modelShape[i]) {
        return false;
      }
    }
    return true;
  }

  private static StateDictException failure(Module model, Checkpoint checkpoint,
      List<String> missing, List<String> unexpected, List<String> problems) {
    StringBuilder message = new StringBuilder("Error(s) in loading state_dict for ")
        .append(model.displayName());
    if (!checkpoint.description().isEmpty()) {
      message.append(" from ").append(checkpoint.description());
    }
    message.append(':');
    if (!missing.isEmpty()) {
      message.append("\n\tMissing key(s) in state_dict: ").append(quoted(missing)).append('.');
    }
    if (!unexpected.isEmpty()) {
      message.append("\n\tUnexpected key(s) in state_dict: ").append(quoted(unexpected)).append('.');
    }
    for (String problem : problems) {
      message.append("\n\t").append(problem);
    }
    String hint = PrefixHint.explain(missing, unexpected);
    if (hint != null) {
      message.append("\n\t").append(hint);
    }
    return new StateDictException(message.toString(), missing, unexpected, problems);
  }

  private static String quoted(List<String> keys) {
    return keys.stream().map(k -> "\"" + k + "\"").collect(Collectors.joining(", "));
  }
}
