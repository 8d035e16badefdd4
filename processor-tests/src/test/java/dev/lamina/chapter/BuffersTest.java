package dev.lamina.chapter;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Buffer;
import dev.lamina.annotations.DType;
import dev.lamina.annotations.Layer;
import dev.lamina.io.ModuleFiles;
import dev.lamina.io.StateDictException;
import dev.lamina.shapes.ShapeArithmeticException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layers with {@code @Buffer} fields, run through their generated classes. */
class BuffersTest {
  @TempDir Path dir;

  /** Statistics per attention head: a buffer whose shape divides. */
  @Layer
  abstract static class HeadStats extends Module {
    final int dim;
    final int heads;
    @Buffer(shape = {"heads", "dim/heads"}) Tensor perHead;

    HeadStats(int dim, int heads) {
      this.dim = dim;
      this.heads = heads;
    }

    @Override
    public Tensor forward(Tensor x) {
      return x;
    }
  }

  @Test
  void aBufferSizeThatDoesNotDivideIsRefusedNamingTheBuffer() {
    ShapeArithmeticException error = assertThrows(ShapeArithmeticException.class,
        () -> new Lamina_BuffersTest_HeadStats(8, 3));
    assertThat(error).hasMessageThat().isEqualTo("HeadStats: buffer per_head, shape entry"
        + " \"dim/heads\": dim=8 is not divisible by heads=3");
    assertThat(new Lamina_BuffersTest_HeadStats(8, 2).perHead.shape()).asList()
        .containsExactly(2, 4).inOrder();
  }

  @Test
  void buffersAreInTheStateDictUnderPyTorchNamesButNotInParameters() {
    RunningNorm norm = RunningNorm.create(3, true);
    assertThat(norm.stateDict().keySet())
        .containsExactly("weight", "running_mean", "num_batches_tracked").inOrder();
    assertThat(norm.namedParameters().keySet()).containsExactly("weight");
    assertThat(norm.namedBuffers().keySet())
        .containsExactly("running_mean", "num_batches_tracked", "scale").inOrder();
    for (Tensor buffer : norm.buffers()) {
      assertThat(buffer.requiresGrad()).isFalse();
    }
  }

  @Test
  void buffersStartAsDeclared() {
    RunningNorm norm = RunningNorm.create(3, true);
    assertThat(norm.runningMean.toFloatArray()).isEqualTo(new float[] {0, 0, 0});
    assertThat(norm.scale.toFloatArray()).isEqualTo(new float[] {1, 1, 1});
    assertThat(norm.numBatchesTracked.dtype()).isEqualTo(DType.INT64);
    assertThat(norm.numBatchesTracked.shape()).isEmpty();
    assertThat(norm.numBatchesTracked.longItem()).isEqualTo(0L);
  }

  @Test
  void aBufferThatIsNotPresentIsNotRegistered() {
    RunningNorm norm = RunningNorm.create(3, false);
    assertThat(norm.runningMean).isNull();
    assertThat(norm.stateDict().keySet()).containsExactly("weight");
    assertThat(norm.namedBuffers().keySet()).containsExactly("scale");
  }

  @Test
  void trainingUpdatesBuffersAndEvaluationUsesThem() {
    RunningNorm norm = RunningNorm.create(2, true);
    Tensor x = Tensor.of(new float[] {1, 2, 3, 6}, 2, 2);
    norm.forward(x);
    norm.forward(x);
    // mean [2, 4]; running = 0.9 * running + 0.1 * mean, twice from 0: 0.19 * mean
    assertThat(norm.runningMean.toFloatArray()[0]).isWithin(1e-6f).of(0.38f);
    assertThat(norm.runningMean.toFloatArray()[1]).isWithin(1e-6f).of(0.76f);
    assertThat(norm.numBatchesTracked.longItem()).isEqualTo(2L);
    norm.eval();
    Tensor y = norm.forward(x);
    assertThat(y.get(0, 0)).isWithin(1e-6f).of(1 - 0.38f);
  }

  @Test
  void summaryCountsBuffersApartFromParameters() {
    String summary = RunningNorm.create(3, true).summary();
    assertThat(summary).contains("RunningNorm(features=3, trackRunningStats=True)");
    assertThat(summary).contains("Total params: 3\n");
    // running_mean 3, num_batches_tracked 1, scale 3
    assertThat(summary).endsWith("Buffers: 7 values, not trained\n");
  }

  @Test
  void optimizerSeesParametersOnly() {
    RunningNorm norm = RunningNorm.create(4, true);
    assertThat(norm.parameters()).hasSize(1);
    assertThat(norm.parameters().get(0)).isSameInstanceAs(norm.weight);
  }

  @Test
  void savedAndLoadedWithTheirTypes() throws IOException {
    RunningNorm norm = RunningNorm.create(2, true);
    norm.forward(Tensor.of(new float[] {1, 2, 3, 6}, 2, 2));
    Path file = dir.resolve("norm.safetensors");
    norm.save(file);
    RunningNorm loaded = (RunningNorm) Module.load(file);
    assertThat(loaded.runningMean.toFloatArray()).isEqualTo(norm.runningMean.toFloatArray());
    assertThat(loaded.numBatchesTracked.dtype()).isEqualTo(DType.INT64);
    assertThat(loaded.numBatchesTracked.longItem()).isEqualTo(1L);
    // The buffer that is not saved is rebuilt as declared.
    assertThat(loaded.scale.toFloatArray()).isEqualTo(new float[] {1, 1});
    assertThat(ModuleFiles.readStateDict(file).keySet()).doesNotContain("scale");
  }

  @Test
  void aStrictLoadWithoutABufferFailsAndChangesNothing() {
    RunningNorm norm = RunningNorm.create(2, true);
    Map<String, Tensor> state = new LinkedHashMap<>();
    state.put("weight", Tensor.of(5, 5));
    state.put("running_mean", Tensor.of(7, 7));
    StateDictException error = assertThrows(StateDictException.class,
        () -> norm.loadStateDict(state));
    assertThat(error).hasMessageThat()
        .contains("Missing key(s) in state_dict: \"num_batches_tracked\".");
    assertThat(norm.weight.toFloatArray()).isEqualTo(new float[] {1, 1});
    assertThat(norm.runningMean.toFloatArray()).isEqualTo(new float[] {0, 0});
  }

  @Test
  void aFloatWhereTheCounterIsAnIntegerIsRefusedBeforeAnythingChanges() {
    RunningNorm norm = RunningNorm.create(2, true);
    Map<String, Tensor> state = new LinkedHashMap<>();
    state.put("weight", Tensor.of(5, 5));
    state.put("running_mean", Tensor.of(7, 7));
    state.put("num_batches_tracked", Tensor.scalar(3));
    StateDictException error = assertThrows(StateDictException.class,
        () -> norm.loadStateDict(state));
    assertThat(error).hasMessageThat().contains("num_batches_tracked");
    assertThat(error).hasMessageThat().contains("int64");
    assertThat(norm.weight.toFloatArray()).isEqualTo(new float[] {1, 1});
  }

  @Test
  void aNonPersistentBufferIsNotLoaded() {
    RunningNorm norm = RunningNorm.create(2, true);
    Map<String, Tensor> state = new LinkedHashMap<>(norm.stateDict());
    state.put("scale", Tensor.of(3, 3));
    StateDictException error = assertThrows(StateDictException.class,
        () -> norm.loadStateDict(state));
    assertThat(error).hasMessageThat().contains("Unexpected key(s) in state_dict: \"scale\".");
  }
}
