package dev.lamina.io;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.lamina.Module;
import dev.lamina.Sequential;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.lamina.Tensor;
import dev.lamina.annotations.DType;
import dev.lamina.io.safetensors.SafetensorsReader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Files written by PyTorch ({@code fixtures/io/make_pytorch_files.py}) load into the matching Lamina
 * models, which then compute PyTorch's outputs.
 */
class PytorchFixturesTest {
  private static final double TOLERANCE = 1e-6;

  private static void assertReproduces(String name, Module model) throws Exception {
    LoadResult result = ModuleFiles.loadWeights(model, Fixtures.resource("io/pytorch/" + name + ".safetensors"));
    assertThat(result.allKeysMatched()).isTrue();
    assertThat(result.lossyConversions()).isEmpty();
    Map<String, Tensor> io = ModuleFiles.readStateDict(Fixtures.resource("io/pytorch/" + name + ".io.safetensors"));
    Fixtures.assertClose(name, model.forward(io.get("input")), io.get("output"), TOLERANCE);
  }

  @Test
  void sequentialOfLinearAndRelu() throws Exception {
    Module net = new Sequential(new TestLayers.Linear(4, 8, 1), new TestLayers.Relu(),
        new TestLayers.Linear(8, 3, 2));
    assertReproduces("sequential_linear_relu", net);
  }

  @Test
  void myLinear() throws Exception {
    assertReproduces("mylinear_5_3", new TestLayers.MyLinear(5, 3, 1));
  }

  @Test
  void sequentialOfMyLinears() throws Exception {
    Module net = new Sequential(new TestLayers.MyLinear(64, 8, 1), new TestLayers.MyLinear(8, 1, 2));
    assertReproduces("sequential_mylinear_64_8_1", net);
  }

  @Test
  void everyDtypeConvertsAsTorchConvertsIt() throws Exception {
    Path path = Fixtures.resource("io/pytorch/dtypes.safetensors");
    try (SafetensorsReader file = SafetensorsReader.open(path)) {
      int checked = 0;
      for (String name : file.tensors().keySet()) {
        if (name.endsWith(".as_f32")) {
          continue;
        }
        Tensor ours = file.readFloat32(name).tensor();
        Tensor torchs = file.readFloat32(name + ".as_f32").tensor();
        assertWithMessage(name).that(ours.shape()).isEqualTo(torchs.shape());
        float[] a = ours.toFloatArray();
        float[] b = torchs.toFloatArray();
        for (int i = 0; i < a.length; i++) {
          // Bitwise, but any NaN equals any NaN (torch may quieten payloads).
          boolean same = Float.floatToIntBits(a[i]) == Float.floatToIntBits(b[i])
              || (Float.isNaN(a[i]) && Float.isNaN(b[i]));
          assertWithMessage(name + "[" + i + "]: " + a[i] + " vs torch " + b[i]).that(same).isTrue();
        }
        checked++;
      }
      assertThat(checked).isEqualTo(10);
    }
  }

  @Test
  void int64AndBoolTensorsWrittenByTorchReadBackExactly() throws Exception {
    Path path = Fixtures.resource("io/pytorch/buffers.safetensors");
    try (SafetensorsReader file = SafetensorsReader.open(path)) {
      assertThat(file.tensors().keySet()).containsAtLeast(
          "num_batches_tracked", "indices", "mask", "mask.scalar");
      for (String name : file.tensors().keySet()) {
        // torch's own listing of the tensor: {"dtype": "torch.int64", "shape": [], "values": [3]}.
        JsonObject expected = JsonParser.parseString(file.metadata().get(name)).getAsJsonObject();
        SafetensorsReader.Read read = file.read(name);
        Tensor ours = read.tensor();
        assertWithMessage(name).that(read.changedValues()).isEqualTo(0);
        JsonArray shape = expected.getAsJsonArray("shape");
        assertWithMessage(name).that(ours.dim()).isEqualTo(shape.size());
        for (int d = 0; d < shape.size(); d++) {
          assertWithMessage(name).that(ours.size(d)).isEqualTo(shape.get(d).getAsInt());
        }
        JsonArray values = expected.getAsJsonArray("values");
        switch (expected.get("dtype").getAsString()) {
          case "torch.int64" -> {
            assertWithMessage(name).that(ours.dtype()).isEqualTo(DType.INT64);
            long[] longs = ours.toLongArray();
            for (int i = 0; i < values.size(); i++) {
              assertWithMessage(name + "[" + i + "]").that(longs[i]).isEqualTo(values.get(i).getAsLong());
            }
          }
          case "torch.bool" -> {
            assertWithMessage(name).that(ours.dtype()).isEqualTo(DType.BOOL);
            boolean[] booleans = ours.toBooleanArray();
            for (int i = 0; i < values.size(); i++) {
              assertWithMessage(name + "[" + i + "]").that(booleans[i]).isEqualTo(values.get(i).getAsBoolean());
            }
          }
          default -> {
            assertWithMessage(name).that(ours.dtype()).isEqualTo(DType.FLOAT32);
            float[] floats = ours.toFloatArray();
            for (int i = 0; i < values.size(); i++) {
              assertWithMessage(name + "[" + i + "]").that(floats[i]).isEqualTo((float) values.get(i).getAsDouble());
            }
          }
        }
      }
      Tensor batches = file.read("num_batches_tracked").tensor();
      assertThat(batches.dim()).isEqualTo(0);
      assertThat(batches.longItem()).isEqualTo(3L);
      assertThat(file.read("indices").tensor().getLong(2)).isEqualTo((1L << 53) + 1);
    }
  }

  @Test
  void lossyConversionsAreCountedAsTorchRoundsThem() throws Exception {
    try (SafetensorsReader file = SafetensorsReader.open(Fixtures.resource("io/pytorch/dtypes.safetensors"))) {
      // 0.1, 1e300 (to infinity), 1e-320 (to zero) and 2^24 + 1 change; -2 and 3 do not.
      assertThat(file.readFloat32("F64").changedValues()).isEqualTo(4);
      // 2^24 + 1 and 2^62 + 1 do not fit a float; 0, -1, 2^24 and -2^63 do.
      assertThat(file.readFloat32("I64").changedValues()).isEqualTo(2);
      // 2^31 - 1 rounds to 2^31; -2^31 is exact.
      assertThat(file.readFloat32("I32").changedValues()).isEqualTo(1);
      assertThat(file.readFloat32("F16").changedValues()).isEqualTo(0);
      assertThat(file.readFloat32("BOOL").changedValues()).isEqualTo(0);
    }
  }
}
