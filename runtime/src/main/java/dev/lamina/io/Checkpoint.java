package dev.lamina.io;

import dev.lamina.Tensor;
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

  /** Where the checkpoint comes from, for messages (empty for an in-memory map). */
  String description();

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
        return new Values(tensors.get(key).toFloatArray(), null);
      }

      @Override
      public String description() {
        return "";
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
        String lossy = null;
        if (values.changedValues() > 0) {
          TensorInfo info = file.tensors().get(key);
          lossy = values.changedValues() + " of " + info.numel() + " " + info.dtype()
              + " values changed when converted to F32";
        }
        return new Values(values.tensor().storage(), lossy);
      }

      @Override
      public String description() {
        return description;
      }
    };
  }
}
