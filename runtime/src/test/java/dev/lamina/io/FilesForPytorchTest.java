package dev.lamina.io;

import static com.google.common.truth.Truth.assertThat;

import dev.lamina.Generator;
import dev.lamina.Module;
import dev.lamina.Sequential;
import dev.lamina.Tensor;
import dev.lamina.annotations.DType;
import dev.lamina.io.safetensors.SafetensorsWriter;
import dev.lamina.nn.Linear;
import dev.lamina.nn.ReLU;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Writes Lamina models, each with an input and Lamina's output for it, to {@code target/io-interop}
 * (or the folder in system property {@code lamina.interop.dir}), for
 * {@code fixtures/io/check_lamina_files.py} to load into PyTorch with
 * {@code load_state_dict(strict=True)} and compare; and {@code typed_tensors.safetensors}, int64 and
 * bool tensors that the script compares with the values it expects.
 */
class FilesForPytorchTest {
  private static void write(Path folder, String name, Module model, Tensor input) throws Exception {
    ModuleFiles.save(model, folder.resolve(name + ".safetensors"));
    Tensor output = model.forward(input);
    Files.write(folder.resolve(name + ".io.safetensors"),
        new SafetensorsWriter().add("input", input).add("output", output).toBytes());
  }

  @Test
  void writesModelsForPytorch() throws Exception {
    Path folder = Path.of(System.getProperty("lamina.interop.dir", "target/io-interop"));
    Files.createDirectories(folder);
    Generator g = new Generator(11);
    write(folder, "sequential_linear_relu",
        new Sequential(new TestLayers.Linear(4, 8, 1), new TestLayers.Relu(), new TestLayers.Linear(8, 3, 2)),
        Tensor.randn(g, 5, 4));
    write(folder, "mylinear_5_3", new TestLayers.MyLinear(5, 3, 3), Tensor.rand(g, 2, 5));
    write(folder, "sequential_mylinear_64_8_1",
        new Sequential(new TestLayers.MyLinear(64, 8, 4), new TestLayers.MyLinear(8, 1, 5)),
        Tensor.rand(g, 2, 64));
    TestLayers.Linear shared = new TestLayers.Linear(4, 4, 6);
    write(folder, "tied_linear", new Sequential(shared, new TestLayers.Relu(), shared), Tensor.randn(g, 3, 4));
    // The same through the built-in @Layer layers and a generated chapter layer.
    write(folder, "nn_linear_relu",
        new Sequential(Linear.create(4, 8), ReLU.create(), Linear.create(8, 3, false)),
        Tensor.randn(g, 5, 4));
    write(folder, "generated_mylinear",
        new Sequential(ChapterMyLinear.create(64, 8), ChapterMyLinear.create(8, 1)),
        Tensor.rand(g, 2, 64));
    writeTypedTensors(folder.resolve("typed_tensors.safetensors"));
    try (var files = Files.list(folder)) {
      assertThat(files.filter(p -> p.toString().endsWith(".safetensors")).count()).isEqualTo(13);
    }
  }

  /** The tensors {@code check_lamina_files.py} expects in {@code typed_tensors.safetensors}. */
  private static void writeTypedTensors(Path path) throws Exception {
    Tensor batches = Tensor.zeros(DType.INT64);
    batches.addInPlace(3);
    Tensor indices = Tensor.ofLongs(new long[] {1, Long.MAX_VALUE, -2, 5, Long.MIN_VALUE, 6}, 2, 3).t();
    Tensor mask = Tensor.ofBooleans(new boolean[] {true, false, false, true, true, false}, 3, 2);
    Files.write(path, new SafetensorsWriter()
        .add("num_batches_tracked", batches)
        .add("indices", indices) // a transposed view: the file holds its row-major values
        .add("mask", mask)
        .add("empty", Tensor.zeros(DType.INT64, 0, 2))
        .toBytes());
  }
}
