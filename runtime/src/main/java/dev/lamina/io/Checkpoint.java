package dev.lamina.io;

import dev.lamina.Tensor;
import dev.lamina.annotations.DType;
import dev.lamina.io.safetensors.Dtype;
import dev.lamina.io.safetensors.SafetensorsReader;
import dev.lamina.io.safetensors.TensorInfo;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Named tensors to load from: an open safetensors file or an in-memory map. */
interface Checkpoint {
  /** The keys, in the checkpoint's order. */
  List<String> keys();

  /** The shape of {@code key}'s tensor. */
  long[] shape(String key);

  /** The values of {@code key} as float32, with a sentence if the conversion changed some (else null). */
  Values read(String key) throws IOException;

  /** The element type of {@code key} under safetensors' name: {@code F32}, {@code I64}, {@code BOOL}, ... */
  String dtype(String key);

  /**
   * The values of {@code key} in their own kind: an int64 or a bool tensor for an integer or BOOL
   * type, exactly; the caller has checked the type with {@link #loadable}.
   */
  Tensor readExact(String key) throws IOException;

  /**
   * Whether a tensor of file type {@code fileType} may become one of {@code target}: any type
   * converts to float32, as PyTorch's {@code copy_} would; an int64 takes only integers (I64, and
   * the exactly widened I32 and U8), a bool only BOOL, so that no float is ever read as an index.
   */
  static boolean loadable(String fileType, DType target) {
    if (target == DType.FLOAT32) {
      return true;
    }
    Dtype type = Dtype.forName(fileType);
    return type != null && type.tensorType() == target;
  }

  /** Where the checkpoint comes from, for messages (empty for an in-memory map). */
  String description();

  /**
   * Whether values may go straight into the model's tensors through {@link #readInto}: true for a
   * file, which no tensor of the model shares memory with; false for an in-memory map, whose
   * tensors may be the model's own (a model's state dict loaded into itself with two keys swapped
   * must read every value before it writes one).
   */
  boolean readsIntoModel();

  /**
   * Reads {@code key}'s values into {@code target}, a float32 tensor of the same shape, converting
   * as {@link #read} does; returns a sentence if the conversion changed some (else null). Only for
   * a checkpoint that {@linkplain #readsIntoModel() reads into the model}.
   */
  String readInto(String key, Tensor target) throws IOException;

  /** Float32 values of one tensor, and what their conversion lost. */
  final class Values {
    final float[] data;
    final String lossyConversion;

    Values(float[] data, String lossyConversion) {
      this.data = data;
      this.lossyConversion = lossyConversion;
    }
  }

  static Checkpoint of(Map<String, Tensor> tensors) {
    return new Checkpoint() {
      @Override
      public List<String> keys() {
        return List.copyOf(tensors.keySet());
      }

      @Override
      public long[] shape(String key) {
        return Arrays.stream(tensors.get(key).shape()).asLongStream().toArray();
      }

      @Override
      public Values read(String key) {
        Tensor tensor = tensors.get(key);
        if (tensor.dtype() != DType.FLOAT32) {
          tensor = tensor.to(DType.FLOAT32);
        }
        return new Values(tensor.toFloatArray(), null);
      }

      @Override
      public String dtype(String key) {
        return Dtype.forTensorType(tensors.get(key).dtype()).name();
      }

      @Override
      public Tensor readExact(String key) {
        return tensors.get(key).copy();
      }

      @Override
      public String description() {
        return "";
      }

      @Override
      public boolean readsIntoModel() {
        return false;
      }

      @Override
      public String readInto(String key, Tensor target) {
        throw new UnsupportedOperationException("an in-memory checkpoint is read before it is copied");
      }
    };
  }

  static Checkpoint of(SafetensorsReader file, String description) {
    return new Checkpoint() {
      @Override
      public List<String> keys() {
        return List.copyOf(file.tensors().keySet());
      }

      @Override
      public long[] shape(String key) {
        return file.tensors().get(key).shape();
      }

      @Override
      public Values read(String key) throws IOException {
        SafetensorsReader.Float32 values = file.readFloat32(key);
        return new Values(values.tensor().storage(), lossy(key, values.changedValues()));
      }

      @Override
      public boolean readsIntoModel() {
        return true;
      }

      @Override
      public String readInto(String key, Tensor target) throws IOException {
        return lossy(key, file.readInto(key, target));
      }

      private String lossy(String key, long changedValues) {
        if (changedValues == 0) {
          return null;
        }
        TensorInfo info = file.tensors().get(key);
        return changedValues + " of " + info.numel() + " " + info.dtype()
            + " values changed when converted to F32";
      }

      @Override
      public String dtype(String key) {
        return file.tensors().get(key).dtype().name();
      }

      @Override
      public Tensor readExact(String key) throws IOException {
        return file.read(key).tensor();
      }

      @Override
      public String description() {
        return description;
      }
    };
  }
}
