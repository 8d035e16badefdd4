package dev.lamina.examples;

import static com.google.common.truth.Truth.assertThat;

import dev.lamina.Module;
import dev.lamina.Sequential;
import dev.lamina.Tensor;
import dev.lamina.examples.chapter.CenteredLayer;
import dev.lamina.nn.LazyLinear;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chapter's own lazy model, saved after its first call, rebuilds from the file alone. */
class ChapterModelFileTest {
  @Test
  void lazyLinearThenCenteredLayerRoundTrips(@TempDir Path folder) throws Exception {
    Sequential net = new Sequential(LazyLinear.create(128), new CenteredLayer());
    Tensor x = Tensor.rand(4, 8);
    Tensor before = net.forward(x);
    Path file = folder.resolve("chapter.safetensors");
    net.save(file);

    Module loaded = Module.load(file);

    assertThat(loaded.namedParameters().keySet()).containsExactly("0.weight", "0.bias").inOrder();
    assertThat(loaded.forward(x).toFloatArray()).isEqualTo(before.toFloatArray());
  }
}
