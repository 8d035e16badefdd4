package dev.lamina.examples.layers;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.lamina.Tensor;
import dev.lamina.io.ModuleFiles;
import dev.lamina.io.safetensors.SafetensorsReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The two directions of the example layers' tests: the files PyTorch wrote
 * ({@code fixtures/examples/make_fixtures.py}), and the folder Lamina writes its own to for
 * {@code fixtures/examples/check_lamina_examples.py}: {@code target/pytorch-interop}, or the folder
 * in system property {@code lamina.interop.dir}.
 */
final class TorchFixtures {
  static final Path FIXTURES = Path.of("..", "fixtures", "examples");

  private TorchFixtures() {}

  /** PyTorch's state dict of example {@code name}. */
  static Path stateDict(String name) {
    return FIXTURES.resolve(name + ".safetensors");
  }

  /** PyTorch's inputs and outputs of example {@code name}. */
  static Map<String, Tensor> io(String name) throws IOException {
    return ModuleFiles.readStateDict(FIXTURES.resolve(name + ".io.safetensors"));
  }

  /** The folder Lamina's files go to, created. */
  static Path interopFolder() throws IOException {
    Path folder = Path.of(System.getProperty("lamina.interop.dir", "target/pytorch-interop"));
    return Files.createDirectories(folder);
  }

  /** Asserts that Lamina's file of a layer has exactly PyTorch's keys, shapes and dtypes. */
  static void assertSameEntries(Path ours, String name) throws IOException {
    try (SafetensorsReader lamina = SafetensorsReader.open(ours);
        SafetensorsReader pytorch = SafetensorsReader.open(stateDict(name))) {
      assertWithMessage("keys of %s", ours).that(lamina.tensors().keySet())
          .containsExactlyElementsIn(pytorch.tensors().keySet()).inOrder();
      for (String key : pytorch.tensors().keySet()) {
        assertWithMessage(key).that(lamina.info(key).shape()).isEqualTo(pytorch.info(key).shape());
        assertWithMessage(key).that(lamina.info(key).dtype()).isEqualTo(pytorch.info(key).dtype());
      }
    }
  }

  /** Asserts that {@code actual} has {@code expected}'s shape and values within {@code tolerance}. */
  static void assertClose(String what, Tensor actual, Tensor expected, double tolerance) {
    assertWithMessage("%s shape", what).that(actual.shape()).isEqualTo(expected.shape());
    float[] a = actual.toFloatArray();
    float[] e = expected.toFloatArray();
    for (int i = 0; i < e.length; i++) {
      assertWithMessage("%s at %s: Lamina %s, PyTorch %s", what, i, a[i], e[i])
          .that((double) Math.abs(a[i] - e[i])).isAtMost(tolerance);
    }
  }
}
