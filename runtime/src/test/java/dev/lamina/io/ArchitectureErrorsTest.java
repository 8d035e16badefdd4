package dev.lamina.io;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.Module;
import dev.lamina.io.ArchitectureException.Problem;
import dev.lamina.io.safetensors.SafetensorsWriter;
import dev.lamina.registry.LayerConfigException;
import dev.lamina.registry.UnknownLayerTypeException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way an architecture can fail to rebuild is reported as what it is, not as a broken file. */
class ArchitectureErrorsTest {
  @TempDir Path folder;

  private ArchitectureException refusal(String architecture) throws Exception {
    Path path = folder.resolve("model.safetensors");
    Files.write(path, new SafetensorsWriter().putMetadata(ModuleFiles.ARCHITECTURE_KEY, architecture).toBytes());
    return assertThrows(ArchitectureException.class, () -> Module.load(path), architecture);
  }

  private static String linear(String config) {
    return "{\"type\":\"dev.lamina.nn.Linear\",\"config\":{" + config + "}}";
  }

  @Test
  void malformedFiles() throws Exception {
    String[] bad = {
      "{\"type\":\"test.ReLU\"", "[1]", "{\"type\":3}", "{\"type\":\"test.ReLU\",\"class\":\"x\"}",
      "{\"sameAs\":\"\"}", "{\"type\":\"dev.lamina.Sequential\",\"children\":{\"0\":{\"sameAs\":\"1\"}}}",
      "{\"type\":\"test.ReLU\",\"config\":[]}",
    };
    for (String json : bad) {
      ArchitectureException e = refusal(json);
      assertThat(e.problem()).isEqualTo(Problem.MALFORMED);
      assertThat(e).hasMessageThat().contains("lamina.architecture");
    }
    assertThat(refusal(bad[0])).hasMessageThat().contains("lamina.architecture is not valid JSON");
  }

  @Test
  void anUnknownType() throws Exception {
    ArchitectureException e = refusal("{\"type\":\"dev.lamina.Sequential\",\"children\":{\"0\":"
        + "{\"type\":\"java.lang.Runtime\",\"config\":{}}}}");
    assertThat(e.problem()).isEqualTo(Problem.UNKNOWN_TYPE);
    assertThat(e.modulePath()).isEqualTo("0");
    assertThat(e).hasCauseThat().isInstanceOf(UnknownLayerTypeException.class);
    assertThat(e).hasMessageThat().contains("module \"0\" (type \"java.lang.Runtime\"): unknown layer type");
  }

  @Test
  void aConfigValueOfTheWrongKindNamesKeyExpectedAndFound() throws Exception {
    ArchitectureException e = refusal(linear("\"inFeatures\":4.5,\"outFeatures\":2,\"useBias\":true"));
    assertThat(e.problem()).isEqualTo(Problem.BAD_CONFIG);
    LayerConfigException cause = (LayerConfigException) e.getCause();
    assertThat(cause.entry()).isEqualTo("inFeatures");
    assertThat(cause.expected()).isEqualTo("a whole number");
    assertThat(cause.found()).isEqualTo("4.5");
    assertThat(e).hasMessageThat().endsWith(
        "dev.lamina.nn.Linear: config entry \"inFeatures\" must be a whole number, but it is 4.5");
    assertThat(refusal(linear("\"inFeatures\":\"four\",\"outFeatures\":2,\"useBias\":true")))
        .hasMessageThat().contains("\"inFeatures\" must be a number, but it is the string \"four\"");
    assertThat(refusal(linear("\"inFeatures\":4,\"outFeatures\":2,\"useBias\":1")))
        .hasMessageThat().contains("\"useBias\" must be a boolean, but it is 1");
  }

  @Test
  void aMissingOrUnknownConfigEntry() throws Exception {
    ArchitectureException missing = refusal(linear("\"inFeatures\":4,\"useBias\":true"));
    assertThat(missing.problem()).isEqualTo(Problem.BAD_CONFIG);
    assertThat(missing).hasMessageThat().contains("config entry \"outFeatures\" is missing");
    ArchitectureException extra = refusal(linear("\"inFeatures\":4,\"outFeatures\":2,\"useBias\":true,\"seed\":1"));
    assertThat(extra.problem()).isEqualTo(Problem.BAD_CONFIG);
    assertThat(extra).hasMessageThat().contains("config entry \"seed\" is not one the layer has;"
        + " its entries are [inFeatures, outFeatures, useBias]");
  }

  @Test
  void aValueTheLayerRefuses() throws Exception {
    ArchitectureException e = refusal(linear("\"inFeatures\":-4,\"outFeatures\":2,\"useBias\":true"));
    assertThat(e.problem()).isEqualTo(Problem.BAD_CONFIG);
    assertThat(e).hasMessageThat().contains("the layer refuses its config");
    assertThat(e).hasMessageThat().contains("Linear: parameter weight, shape entry \"inFeatures\":"
        + " inFeatures=-4, but a size must be positive");
  }

  @Test
  void aMissingExtraOrNullChild() throws Exception {
    ArchitectureException missing = refusal("{\"type\":\"dev.lamina.io.Chain\",\"config\":{}}");
    assertThat(missing.problem()).isEqualTo(Problem.CHILDREN);
    assertThat(missing).hasMessageThat().contains("child \"next\" is missing");
    ArchitectureException extra = refusal("{\"type\":\"dev.lamina.io.Chain\",\"config\":{},\"children\":"
        + "{\"next\":null,\"other\":{\"type\":\"test.ReLU\"}}}");
    assertThat(extra.problem()).isEqualTo(Problem.CHILDREN);
    assertThat(extra).hasMessageThat().contains("child \"other\" is not one the layer has; its children are [next]");
    ArchitectureException gap = refusal("{\"type\":\"dev.lamina.Sequential\",\"children\":{\"1\":{\"type\":\"test.ReLU\"}}}");
    assertThat(gap.problem()).isEqualTo(Problem.CHILDREN);
    assertThat(gap).hasMessageThat().contains("child \"0\" is missing");
    ArchitectureException nullLayer = refusal("{\"type\":\"dev.lamina.Sequential\",\"children\":{\"0\":null}}");
    assertThat(nullLayer.problem()).isEqualTo(Problem.CHILDREN);
    assertThat(nullLayer).hasMessageThat().contains("child \"0\" must be a module, but it is null");
  }
}
