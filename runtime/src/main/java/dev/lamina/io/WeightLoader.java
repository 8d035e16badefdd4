package dev.lamina.io;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.DType;
import dev.lamina.io.safetensors.Dtype;
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
 * match keys and shapes (collecting every problem), read every value, then copy. A parameter still
 * to be inferred (a lazy layer never called) is made from the checkpoint's values, with their shape.
 */
final class WeightLoader {
  private WeightLoader() {}

  static LoadResult load(Module model, Checkpoint checkpoint, LoadOptions options) throws IOException {
    ParameterSlots slots = new ParameterSlots(model);
    Map<String, Tensor> parameters = slots.parameters();

    // 1. Match: model name -> checkpoint key, collecting every problem before touching anything.
    Map<String, String> sourceOf = new LinkedHashMap<>();
    Map<String, ParameterSlots.Slot> slotOf = new LinkedHashMap<>();
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
      ParameterSlots.Slot slot = slots.resolve(target);
      if (slot == null) {
        unexpected.add(key);
        continue;
      }
      String name = slot.name;
      long[] fileShape = checkpoint.shape(key);
      // A lazy parameter takes the checkpoint's shape; when listed twice, both must agree.
      long[] modelShape = slot.isLazy()
          ? (sourceOf.containsKey(name) ? checkpoint.shape(sourceOf.get(name)) : fileShape)
          : Arrays.stream(slot.current.shape()).asLongStream().toArray();
      if (!Arrays.equals(fileShape, modelShape)) {
        problems.add("size mismatch for " + target + ": copying a param with shape "
            + Arrays.toString(fileShape) + " from checkpoint, the shape in current model is "
            + Arrays.toString(modelShape) + ".");
        mismatched.add(name);
        continue;
      }
      DType modelType = slot.isLazy() ? DType.FLOAT32 : slot.current.dtype();
      if (!Checkpoint.loadable(checkpoint.dtype(key), modelType)) {
        problems.add("type mismatch for " + target + ": the checkpoint holds "
            + checkpoint.dtype(key) + ", the " + (slot.buffer ? "buffer" : "parameter")
            + " in current model is " + modelType.name().toLowerCase(java.util.Locale.ROOT)
            + " (" + Dtype.forTensorType(modelType).name() + "), and values are not converted to it.");
        mismatched.add(name);
        continue;
      }
      // A tied parameter listed under both of its names (as PyTorch writes it): the first name wins.
      if (!sourceOf.containsKey(name) || name.equals(target)) {
        sourceOf.put(name, key);
        slotOf.put(name, slot);
      }
    }
    List<String> missing = new ArrayList<>();
    for (String name : parameters.keySet()) {
      if (!sourceOf.containsKey(name) && !mismatched.contains(name)) {
        missing.add(name);
      }
    }
    // A lazy module stays lazy when the checkpoint has none of its parameters; once it has one, it
    // must have all, or the first call would draw the rest at random.
    for (List<ParameterSlots.Slot> lazy : slots.lazySlotsByModule()) {
      if (lazy.stream().anyMatch(s -> sourceOf.containsKey(s.name) || mismatched.contains(s.name))) {
        for (ParameterSlots.Slot s : lazy) {
          if (!sourceOf.containsKey(s.name) && !mismatched.contains(s.name)) {
            missing.add(s.name);
          }
        }
      }
    }
    boolean strict = options.isStrict();
    if (!problems.isEmpty() || (strict && (!missing.isEmpty() || !unexpected.isEmpty()))) {
      throw failure(model, checkpoint, strict ? missing : List.of(), strict ? unexpected : List.of(),
          problems);
    }

    // 2. Read every value; a read that fails here has changed nothing.
    Map<String, Tensor> values = new LinkedHashMap<>();
    List<String> lossy = new ArrayList<>();
    for (Map.Entry<String, String> e : sourceOf.entrySet()) {
      ParameterSlots.Slot slot = slotOf.get(e.getKey());
      if (!slot.isLazy() && slot.current.dtype() != DType.FLOAT32) {
        values.put(e.getKey(), checkpoint.readExact(e.getValue()));
        continue;
      }
      Checkpoint.Values v = checkpoint.read(e.getValue());
      values.put(e.getKey(), Tensor.wrap(v.data, intShape(checkpoint.shape(e.getValue()))));
      if (v.lossyConversion != null) {
        lossy.add(e.getValue() + ": " + v.lossyConversion);
      }
    }

    // 3. Copy into allocated parameters; the values become the parameters still to be made.
    for (Map.Entry<String, Tensor> e : values.entrySet()) {
      ParameterSlots.Slot slot = slotOf.get(e.getKey());
      slot.load(e.getValue());
    }
    List<String> loaded = new ArrayList<>(values.keySet());
    return new LoadResult(loaded, missing, unexpected, lossy);
  }

  /** The shape as ints; reading the values has checked that they fit. */
  private static int[] intShape(long[] shape) {
    int[] out = new int[shape.length];
    for (int i = 0; i < shape.length; i++) {
      out[i] = Math.toIntExact(shape[i]);
    }
    return out;
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
