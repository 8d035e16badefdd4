package dev.lamina.io;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.DType;
import dev.lamina.io.safetensors.Dtype;
import dev.lamina.io.safetensors.SafetensorsException;
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
 * match keys, shapes and types (collecting every problem); read into new tensors the values that
 * cannot go straight into the model; then read a file's values into the model's allocated float32
 * tensors and hand over the others. A parameter still to be inferred (a lazy layer never called) is
 * made from the checkpoint's values, with their shape.
 *
 * <p>Reading a file straight into the parameters is what makes a load one copy from the file's
 * pages instead of an allocation and two copies (a 100 MB model here: 38 ms to 13 ms). Its price:
 * the file's header has been validated against its size by then, so only the file shrinking under
 * the load or the disk failing can stop it part way, and then the exception names the tensors that
 * already hold the file's values. Every failure the file's content can cause leaves the model as
 * it was.
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

    // 2. Read into new tensors every value that does not go straight into the model (every value of
    // an in-memory map); a read that fails here has changed nothing.
    Map<String, Tensor> staged = new LinkedHashMap<>();
    List<String> inPlace = new ArrayList<>();
    Map<String, String> lossyByName = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : sourceOf.entrySet()) {
      ParameterSlots.Slot slot = slotOf.get(e.getKey());
      if (checkpoint.readsIntoModel() && readsInPlace(slot)) {
        inPlace.add(e.getKey());
        continue;
      }
      if (!slot.isLazy() && slot.current.dtype() != DType.FLOAT32) {
        staged.put(e.getKey(), checkpoint.readExact(e.getValue()));
        continue;
      }
      Checkpoint.Values v = checkpoint.read(e.getValue());
      staged.put(e.getKey(), Tensor.adopt(v.data, intShape(checkpoint.shape(e.getValue()))));
      if (v.lossyConversion != null) {
        lossyByName.put(e.getKey(), v.lossyConversion);
      }
    }

    // 3. Read the rest of the file straight into the model's tensors, then hand over the staged
    // values (which cannot fail); the staged values become the parameters still to be made.
    List<String> readSoFar = new ArrayList<>();
    for (String name : inPlace) {
      String key = sourceOf.get(name);
      String lossyConversion;
      try {
        lossyConversion = checkpoint.readInto(key, slotOf.get(name).current);
      } catch (IOException e) {
        throw partlyLoaded(model, checkpoint, name, readSoFar, e);
      }
      if (lossyConversion != null) {
        lossyByName.put(name, lossyConversion);
      }
      readSoFar.add(name);
    }
    for (Map.Entry<String, Tensor> e : staged.entrySet()) {
      slotOf.get(e.getKey()).load(e.getValue());
    }
    List<String> lossy = new ArrayList<>();
    for (Map.Entry<String, String> e : sourceOf.entrySet()) {
      String lossyConversion = lossyByName.get(e.getKey());
      if (lossyConversion != null) {
        lossy.add(e.getValue() + ": " + lossyConversion);
      }
    }
    List<String> loaded = new ArrayList<>(sourceOf.keySet());
    return new LoadResult(loaded, missing, unexpected, lossy);
  }

  /**
   * Whether the file's values go straight into {@code slot}'s tensor, with no array in between: an
   * allocated float32 tensor laid out row-major, which is what loadParameter would copy into. A
   * placeholder made while init was deferred must instead become the values themselves; it is one
   * value seen through zero strides, row-major only when it has one element, so tensors of one
   * element are staged too.
   */
  private static boolean readsInPlace(ParameterSlots.Slot slot) {
    Tensor current = slot.current;
    return current != null && current.dtype() == DType.FLOAT32 && current.isContiguous()
        && current.numel() > 1;
  }

  /**
   * The failure of a read into the model after everything was checked: only the file shrinking
   * after it was opened or the disk failing cause it, and it can leave some tensors loaded, which
   * the message names.
   */
  private static SafetensorsException partlyLoaded(Module model, Checkpoint checkpoint,
      String failed, List<String> loaded, IOException cause) {
    return new SafetensorsException("loading " + model.displayName() + " from "
        + checkpoint.description() + " failed at " + failed + ", after every check had passed, so "
        + (loaded.isEmpty() ? "no tensor of the model changed"
            : "these tensors hold the file's values and the rest their own: " + quoted(loaded))
        + ": " + cause.getMessage(), cause);
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
