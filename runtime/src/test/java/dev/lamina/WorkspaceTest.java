package dev.lamina;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.loss.Losses;
import dev.lamina.nn.BatchNorm2d;
import dev.lamina.nn.Conv2d;
import dev.lamina.nn.Dropout;
import dev.lamina.nn.Embedding;
import dev.lamina.nn.Flatten;
import dev.lamina.nn.GELU;
import dev.lamina.nn.LSTM;
import dev.lamina.nn.LayerNorm;
import dev.lamina.nn.LazyLinear;
import dev.lamina.nn.Linear;
import dev.lamina.nn.MaxPool2d;
import dev.lamina.nn.ReLU;
import dev.lamina.nn.TransformerEncoderLayer;
import dev.lamina.optim.Adam;
import dev.lamina.optim.Optimizer;
import dev.lamina.optim.SGD;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Steps run in a {@link Workspace} compute exactly what they compute without one, reuse their
 * arrays from the second step on, and the tensors they leave behind cannot be read once the step
 * has closed.
 */
class WorkspaceTest {
  private static final int STEPS = 4;

  /** What a few training steps left: the losses, and every value of the state dict after them. */
  private record Run(List<Float> losses, Map<String, float[]> state) {}

  private static Run train(Supplier<Module> build, IntFunction<Tensor> input, int[] labels,
      Function<Module, Optimizer> optimizer, boolean inWorkspace) {
    Generator.manualSeed(11);
    Module model = build.get();
    model.train();
    Optimizer update = optimizer.apply(model);
    Workspace workspace = new Workspace();
    List<Float> losses = new ArrayList<>();
    for (int step = 0; step < STEPS; step++) {
      Tensor x = input.apply(step);
      try (Workspace.Step open = inWorkspace ? workspace.enter() : null) {
        Tensor loss = Losses.crossEntropy(model.forward(x), labels);
        loss.backward();
        update.step();
        update.zeroGrad();
        losses.add(loss.item());
      }
    }
    Map<String, float[]> state = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, Tensor> e : model.stateDict().entrySet()) {
      Tensor value = e.getValue();
      state.put(e.getKey(), value.dtype() == dev.lamina.annotations.DType.FLOAT32
          ? value.toFloatArray() : value.to(dev.lamina.annotations.DType.FLOAT32).toFloatArray());
    }
    return new Run(losses, state);
  }

  private static void assertSameTraining(Supplier<Module> build, IntFunction<Tensor> input,
      int[] labels, Function<Module, Optimizer> optimizer) {
    Run plain = train(build, input, labels, optimizer, false);
    Run reused = train(build, input, labels, optimizer, true);
    assertThat(reused.losses()).containsExactlyElementsIn(plain.losses()).inOrder();
    assertThat(reused.state().keySet()).containsExactlyElementsIn(plain.state().keySet())
        .inOrder();
    for (String name : plain.state().keySet()) {
      assertThat(reused.state().get(name)).isEqualTo(plain.state().get(name));
    }
  }

  private static int[] labels(int n, int classes) {
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = (i * 7) % classes;
    }
    return labels;
  }

  /** A random batch for each step, the same in every run. */
  private static IntFunction<Tensor> batches(int... shape) {
    return step -> Tensor.randn(new Generator(100 + step), shape);
  }

  @Test
  void mlpStepsAreBitForBitThoseWithoutAWorkspace() {
    assertSameTraining(
        () -> new Sequential(Linear.create(20, 16), ReLU.create(), Linear.create(16, 16),
            ReLU.create(), Linear.create(16, 5)),
        batches(8, 20), labels(8, 5), m -> new SGD(m.parameters(), 0.1, 0.9));
  }

  @Test
  void convolutionalStepsWithBatchNormAndDropoutAreBitForBitThoseWithoutAWorkspace() {
    assertSameTraining(
        () -> new Sequential(Conv2d.create(1, 4, 3), BatchNorm2d.create(4), ReLU.create(),
            MaxPool2d.create(2), Dropout.create(0.25), Flatten.create(),
            Linear.create(4 * 3 * 3, 3)),
        batches(6, 1, 8, 8), labels(6, 3), m -> new Adam(m.parameters(), 1e-2));
  }

  @Test
  void recurrentAndAttentionStepsAreBitForBitThoseWithoutAWorkspace() {
    assertSameTraining(
        () -> new Sequential(LSTM.create(6, 8), LayerNorm.create(8),
            TransformerEncoderLayer.create(8, 2, 16, 0.1, "gelu", 1e-5, true), GELU.create(),
            Flatten.create(), Linear.create(5 * 8, 4)),
        batches(3, 5, 6), labels(3, 4), m -> new Adam(m.parameters(), 1e-2));
  }

  @Test
  void embeddingStepsAreBitForBitThoseWithoutAWorkspace() {
    IntFunction<Tensor> tokens = step -> {
      Generator ids = new Generator(200 + step);
      long[] values = new long[12];
      for (int i = 0; i < values.length; i++) {
        values[i] = ids.nextInt(30);
      }
      return Tensor.ofLongs(values, 4, 3);
    };
    assertSameTraining(
        () -> new Sequential(Embedding.create(30, 6), Flatten.create(), Linear.create(18, 3)),
        tokens, labels(4, 3), m -> new SGD(m.parameters(), 0.5));
  }

  @Test
  void aLazyLayerFirstCalledInAStepKeepsItsParametersAfterIt() {
    assertSameTraining(
        () -> new Sequential(LazyLinear.create(6), ReLU.create(), Linear.create(6, 3)),
        batches(4, 9), labels(4, 3), m -> new SGD(m.parameters(), 0.1));
  }

  @Test
  void fromTheSecondStepOnTheArraysAreThoseOfTheStepBefore() {
    Generator.manualSeed(1);
    Module model = new Sequential(Linear.create(10, 7), ReLU.create(), Linear.create(7, 3));
    SGD optimizer = new SGD(model.parameters(), 0.1);
    Tensor x = Tensor.randn(new Generator(4), 5, 10);
    int[] labels = labels(5, 3);
    Workspace workspace = new Workspace();
    List<float[]> outputs = new ArrayList<>();
    List<Long> bytes = new ArrayList<>();
    for (int step = 0; step < 3; step++) {
      try (Workspace.Step open = workspace.enter()) {
        Tensor out = model.forward(x);
        outputs.add(out.storage());
        Tensor loss = Losses.crossEntropy(out, labels);
        loss.backward();
        optimizer.step();
        optimizer.zeroGrad();
      }
      bytes.add(workspace.bytes());
    }
    assertThat(outputs.get(1)).isSameInstanceAs(outputs.get(0));
    assertThat(outputs.get(2)).isSameInstanceAs(outputs.get(0));
    assertThat(bytes.get(0)).isGreaterThan(0L);
    assertThat(bytes).containsExactly(bytes.get(0), bytes.get(0), bytes.get(0));
  }

  @Test
  void aStepWithOtherShapesGetsArraysOfItsOwnAndRightValues() {
    Tensor weight = Tensor.randn(new Generator(6), 4, 9);
    Workspace workspace = new Workspace();
    for (int rows : new int[] {8, 3, 8}) {
      Tensor x = Tensor.randn(new Generator(rows), rows, 9);
      float[] expected = x.linear(weight, null).relu().toFloatArray();
      try (Workspace.Step open = workspace.enter()) {
        assertThat(x.linear(weight, null).relu().toFloatArray()).isEqualTo(expected);
      }
    }
  }

  @Test
  void aTensorOfAClosedStepCannotBeReadButItsCopyCan() {
    Tensor x = Tensor.randn(new Generator(7), 3, 4);
    Workspace workspace = new Workspace();
    Tensor kept;
    Tensor left;
    Tensor view;
    try (Workspace.Step open = workspace.enter()) {
      left = x.mul(2f);
      view = left.t();
      kept = left.copy();
    }
    IllegalStateException thrown = assertThrows(IllegalStateException.class, left::toFloatArray);
    assertThat(thrown).hasMessageThat().isEqualTo(
        "this float32 [3, 4] tensor was computed in a Workspace step that has closed, and its"
            + " memory now serves later steps; copy() it inside the step to keep it");
    assertThrows(IllegalStateException.class, () -> view.get(0, 0));
    assertThrows(IllegalStateException.class, () -> left.add(1f));
    assertThrows(IllegalStateException.class, left::detach);
    assertThat(left.toString())
        .isEqualTo("tensor(<computed in a closed Workspace step>, size=[3, 4])");
    assertThat(kept.toFloatArray()).isEqualTo(x.mul(2f).toFloatArray());
    assertThat(x.toFloatArray()).hasLength(12); // inputs made outside the step stay readable
  }

  @Test
  void parametersGradientsAndFactoryTensorsOutliveTheStep() {
    Tensor w = Tensor.randn(new Generator(8), 3, 3).requiresGrad(true);
    Workspace workspace = new Workspace();
    Tensor made;
    try (Workspace.Step open = workspace.enter()) {
      w.mul(w).sum().backward();
      made = Tensor.zeros(2);
    }
    assertThat(w.grad().toFloatArray()).isEqualTo(w.mul(2f).toFloatArray());
    assertThat(made.toFloatArray()).isEqualTo(new float[2]);
  }

  @Test
  void stepsDoNotNestAndAWorkspaceHasOneStepOpen() {
    Workspace first = new Workspace();
    Workspace second = new Workspace();
    try (Workspace.Step open = first.enter()) {
      assertThat(assertThrows(IllegalStateException.class, first::enter)).hasMessageThat()
          .contains("already has a step open");
      assertThat(assertThrows(IllegalStateException.class, second::enter)).hasMessageThat()
          .contains("steps do not nest");
    }
    try (Workspace.Step again = second.enter()) {
      assertThat(again.isClosed()).isFalse();
    }
  }

  @Test
  void aStepIsClosedOnTheThreadThatOpenedIt() throws Exception {
    Workspace workspace = new Workspace();
    Workspace.Step open = workspace.enter();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread other = new Thread(() -> {
      try {
        open.close();
      } catch (Throwable t) {
        failure.set(t);
      }
    });
    other.start();
    other.join();
    assertThat(failure.get()).isInstanceOf(IllegalStateException.class);
    assertThat(open.isClosed()).isFalse();
    open.close();
    assertThat(open.isClosed()).isTrue();
    open.close(); // twice does nothing
  }

  @Test
  void opsOnAnotherThreadDuringAStepAllocateAsUsual() throws Exception {
    Workspace workspace = new Workspace();
    AtomicReference<Tensor> computed = new AtomicReference<>();
    try (Workspace.Step open = workspace.enter()) {
      Thread other = new Thread(() -> computed.set(Tensor.ones(3).mul(3f)));
      other.start();
      other.join();
    }
    assertThat(computed.get().toFloatArray()).isEqualTo(new float[] {3, 3, 3});
    assertThat(workspace.bytes()).isEqualTo(0L);
  }
}
