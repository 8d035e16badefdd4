package dev.lamina.optim;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.Tensor;
import dev.lamina.io.OptimizerFiles;
import dev.lamina.io.safetensors.SafetensorsException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An optimizer's state saved and restored: a run interrupted after some steps and resumed from the
 * saved parameters and state takes exactly the steps the uninterrupted run takes.
 */
class OptimizerStateTest {
  @TempDir Path dir;

  /** Parameters of {@code sum(a * p^2 + b * p)}, a fixed quadratic, and a third one never used. */
  private static List<Tensor> parameters() {
    List<Tensor> out = new ArrayList<>();
    out.add(Tensor.of(new float[] {0.5f, -1.5f, 2f, 0.25f}, 2, 2).requiresGrad(true));
    out.add(Tensor.of(-0.75f, 1.25f, 3f).requiresGrad(true));
    out.add(Tensor.of(9f).requiresGrad(true));
    return out;
  }

  private static void step(Optimizer optimizer) {
    List<Tensor> p = optimizer.parameters();
    optimizer.zeroGrad();
    Tensor loss = p.get(0).mul(p.get(0)).mul(1.5f).add(p.get(0).mul(-0.5f)).sum()
        .add(p.get(1).mul(p.get(1)).mul(0.7f).add(p.get(1).mul(0.3f)).sum());
    loss.backward();
    optimizer.step();
  }

  private static List<float[]> values(List<Tensor> parameters) {
    List<float[]> out = new ArrayList<>();
    for (Tensor p : parameters) {
      out.add(p.toFloatArray());
    }
    return out;
  }

  private void resumesExactly(Function<List<Tensor>, Optimizer> make) throws IOException {
    Optimizer straight = make.apply(parameters());
    for (int i = 0; i < 6; i++) {
      step(straight);
    }
    Optimizer first = make.apply(parameters());
    for (int i = 0; i < 3; i++) {
      step(first);
    }
    Path file = dir.resolve("optimizer.safetensors");
    OptimizerFiles.save(first, file);
    List<Tensor> copies = new ArrayList<>();
    for (Tensor p : first.parameters()) {
      copies.add(p.copy().detach().requiresGrad(true));
    }
    Optimizer resumed = make.apply(copies);
    OptimizerFiles.load(resumed, file);
    for (int i = 0; i < 3; i++) {
      step(resumed);
    }
    List<float[]> expected = values(straight.parameters());
    List<float[]> actual = values(resumed.parameters());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i)).isEqualTo(expected.get(i));
    }
    assertThat(resumed.stepCount()).isEqualTo(6);
  }

  @Test
  void adamResumesExactly() throws IOException {
    resumesExactly(ps -> new Adam(ps, 0.05));
  }

  @Test
  void adamWResumesExactly() throws IOException {
    resumesExactly(ps -> new AdamW(ps, 0.05, 0.8, 0.95, 1e-6, 0.1));
  }

  @Test
  void sgdWithMomentumResumesExactly() throws IOException {
    resumesExactly(ps -> new SGD(ps, 0.05, 0.9, 0, 0.01, true));
  }

  @Test
  void stateIsNamedByParameterIndexAndStateAsPyTorchIndexesIt() {
    Adam adam = new Adam(parameters(), 0.05);
    step(adam);
    // The third parameter never has a gradient, so it has no state.
    assertThat(adam.stateDict().keySet()).containsExactly("step", "0.exp_avg", "0.exp_avg_sq",
        "1.exp_avg", "1.exp_avg_sq").inOrder();
    assertThat(adam.stateDict().get("step").longItem()).isEqualTo(1L);
    assertThat(new SGD(parameters(), 0.1).stateDict().keySet()).containsExactly("step");
  }

  @Test
  void aStateThatDoesNotFitIsRefusedWithEveryProblemAndChangesNothing() {
    Adam adam = new Adam(parameters(), 0.05);
    step(adam);
    Map<String, Tensor> before = adam.stateDict();
    Map<String, Tensor> bad = new LinkedHashMap<>(before);
    bad.remove("1.exp_avg_sq");
    bad.put("0.exp_avg", Tensor.zeros(3));
    bad.put("5.exp_avg", Tensor.zeros(1));
    bad.put("momentum_buffer", Tensor.zeros(1));
    bad.put("step", Tensor.scalar(1));
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> adam.loadStateDict(bad));
    assertThat(error).hasMessageThat().contains("\"step\" must be a 0-d int64 count of steps,"
        + " but it is float32 []");
    assertThat(error).hasMessageThat().contains("\"0.exp_avg\" is float32 [3], but parameter 0 is"
        + " float32 [2, 2]");
    assertThat(error).hasMessageThat().contains("unexpected key \"5.exp_avg\"");
    assertThat(error).hasMessageThat().contains("unexpected key \"momentum_buffer\"");
    assertThat(error).hasMessageThat().contains("parameter 1 has [exp_avg] but not [exp_avg_sq]");
    Map<String, Tensor> after = adam.stateDict();
    assertThat(after.keySet()).isEqualTo(before.keySet());
    for (String key : before.keySet()) {
      assertThat(after.get(key).equal(before.get(key))).isTrue();
    }
  }

  @Test
  void aFileOfAnotherKindIsRefused() throws IOException {
    Path file = dir.resolve("sgd.safetensors");
    OptimizerFiles.save(new SGD(parameters(), 0.1, 0.9), file);
    SafetensorsException error = assertThrows(SafetensorsException.class,
        () -> OptimizerFiles.load(new Adam(parameters(), 0.1), file));
    assertThat(error).hasMessageThat().endsWith("holds the state of SGD, not of Adam");
  }
}
