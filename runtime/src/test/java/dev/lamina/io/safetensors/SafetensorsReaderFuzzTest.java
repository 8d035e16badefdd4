package dev.lamina.io.safetensors;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Hostile bytes are read or refused with a {@link SafetensorsException}, nothing else; what is read
 * is written back and read again unchanged.
 *
 * <p>Under {@code mvn test} the fuzz test runs once per file in its seed corpus,
 * {@code src/test/resources/dev/lamina/io/safetensors/SafetensorsReaderFuzzTestInputs} (made by
 * {@code fixtures/io/make_fuzz_seeds.py}). To fuzz for real:
 *
 * <pre>
 * JAZZER_FUZZ=1 mvn -B -o -pl runtime -am test -Dtest=SafetensorsReaderFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class SafetensorsReaderFuzzTest {
  @FuzzTest(maxDuration = "19m", maxExecutions = 10_000_000)
  void readsOrRefuses(byte[] data) {
    SafetensorsWriter rewritten = new SafetensorsWriter();
    Map<String, TensorInfo> tensors;
    try (SafetensorsReader reader = SafetensorsReader.fromBytes(data, "input")) {
      tensors = reader.tensors();
      reader.metadata().forEach((k, v) -> {
        if (!k.equals("format")) {
          rewritten.putMetadata(k, v);
        }
      });
      for (TensorInfo info : tensors.values()) {
        ByteBuffer raw = reader.readBytes(info.name());
        rewritten.addRaw(info.name(), info.dtype(), info.shape(), raw);
        try {
          reader.readFloat32(info.name());
          reader.read(info.name());
        } catch (SafetensorsException tooLargeForATensor) {
          assertThat(tooLargeForATensor).hasMessageThat().contains("a Lamina tensor");
        }
      }
    } catch (SafetensorsException refused) {
      assertThat(refused).hasMessageThat().startsWith("input: ");
      return;
    }
    try (SafetensorsReader again = SafetensorsReader.fromBytes(rewritten.toBytes(), "rewritten")) {
      assertThat(again.tensors().keySet()).containsExactlyElementsIn(tensors.keySet()).inOrder();
      for (TensorInfo info : tensors.values()) {
        TensorInfo back = again.info(info.name());
        assertThat(back.dtype()).isEqualTo(info.dtype());
        assertThat(back.shape()).isEqualTo(info.shape());
        assertThat(again.readBytes(info.name())).isEqualTo(readBytes(data, info));
      }
    } catch (SafetensorsException e) {
      throw new AssertionError("a file Lamina wrote could not be read back", e);
    }
  }

  private static ByteBuffer readBytes(byte[] data, TensorInfo info) throws SafetensorsException {
    try (SafetensorsReader reader = SafetensorsReader.fromBytes(data, "input")) {
      return reader.readBytes(info.name());
    }
  }

  @Test
  void seedsNamedValidAreReadAndAllOthersRefused() throws Exception {
    Path corpus = Path.of(getClass().getResource("SafetensorsReaderFuzzTestInputs/readsOrRefuses").toURI());
    List<Path> seeds;
    try (Stream<Path> files = Files.list(corpus)) {
      seeds = files.sorted().toList();
    }
    assertThat(seeds.size()).isAtLeast(25);
    for (Path seed : seeds) {
      String name = seed.getFileName().toString();
      byte[] bytes = Files.readAllBytes(seed);
      boolean accepted;
      try (SafetensorsReader reader = SafetensorsReader.fromBytes(bytes, name)) {
        accepted = true;
      } catch (SafetensorsException e) {
        accepted = false;
      }
      assertWithMessage(name).that(accepted).isEqualTo(name.startsWith("valid_"));
    }
  }
}
