package dev.lamina.opinfo;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.lamina.Tensor;
import dev.lamina.annotations.DType;
import dev.lamina.opinfo.OpInfoAdapters.Adapter;
import dev.lamina.opinfo.OpInfoSample.Reference;
import dev.lamina.testing.Fixtures;
import dev.lamina.testing.GradCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every op on PyTorch's own OpInfo samples ({@code fixtures/opinfo/opinfo.json}, written by
 * {@code make_opinfo_fixtures.py}): for each recorded sample, the Lamina call's float32 output has
 * PyTorch's shape and is within float32 tolerance of PyTorch's float64 output, and so are the
 * gradients of {@code sum(out * w)} for every input. One container per OpInfo entry, named with the
 * number of samples recorded and the reasons the others could not be expressed.
 *
 * <p>Tolerances are {@link GradCheck}'s, the ones every op test uses: {@code 1e-5} absolute plus
 * {@code 1e-4} relative, where for a sum of products (sum, mean, matmul, linear, einsum)
 * "relative" is to the same call on the inputs' absolute values, since a float32 sum's error
 * follows its terms, not its result. Inputs that PyTorch gave as non-contiguous views keep their
 * strides here.
 */
class OpInfoReplayTest {
  private static final JsonObject FIXTURE = Fixtures.load("fixtures/opinfo", "opinfo.json");

  @TestFactory
  List<DynamicNode> everyRecordedSampleMatchesPyTorch() {
    List<DynamicNode> entries = new ArrayList<>();
    for (JsonElement element : FIXTURE.getAsJsonArray("entries")) {
      JsonObject entry = element.getAsJsonObject();
      List<DynamicTest> tests = new ArrayList<>();
      int index = 0;
      for (JsonElement sample : entry.getAsJsonArray("samples")) {
        OpInfoSample parsed = OpInfoSample.parse(sample.getAsJsonObject());
        String name = entryName(entry) + " #" + index++ + " " + parsed.describe();
        tests.add(DynamicTest.dynamicTest(name, () -> replay(name, parsed, adapterFor(parsed))));
      }
      entries.add(DynamicContainer.dynamicContainer(entryName(entry) + ": " + tests.size()
          + " recorded; not recorded: " + reasons(entry.getAsJsonObject("notRecorded")), tests));
    }
    return entries;
  }

  @Test
  void everyRecordedCallHasAnAdapterAndEveryAdapterIsRecorded() {
    Set<String> recorded = new TreeSet<>();
    for (JsonElement entry : FIXTURE.getAsJsonArray("entries")) {
      for (JsonElement sample : entry.getAsJsonObject().getAsJsonArray("samples")) {
        recorded.add(sample.getAsJsonObject().get("call").getAsString());
      }
    }
    assertWithMessage("calls in opinfo.json and adapters in OpInfoAdapters")
        .that(new TreeSet<>(OpInfoAdapters.all().keySet()))
        .containsExactlyElementsIn(recorded);
  }

  @Test
  void aWrongOutputFails() {
    OpInfoSample sample = firstSample("exp");
    Adapter offByOnePart = new Adapter((t, a) -> t[0].exp().mul(1.001f), false);
    assertThrows(AssertionError.class, () -> replay("exp", sample, offByOnePart));
  }

  @Test
  void aMissingGradientFails() {
    OpInfoSample sample = firstSample("exp");
    Adapter detached = new Adapter((t, a) -> t[0].detach().exp().add(t[0].mul(0f)), false);
    assertThrows(AssertionError.class, () -> replay("exp", sample, detached));
  }

  private static OpInfoSample firstSample(String opinfo) {
    for (JsonElement element : FIXTURE.getAsJsonArray("entries")) {
      JsonObject entry = element.getAsJsonObject();
      if (entry.get("opinfo").getAsString().equals(opinfo)) {
        return OpInfoSample.parse(entry.getAsJsonArray("samples").get(0).getAsJsonObject());
      }
    }
    throw new IllegalStateException("opinfo.json has no entry " + opinfo);
  }

  private static Adapter adapterFor(OpInfoSample sample) {
    Adapter adapter = OpInfoAdapters.all().get(sample.call());
    if (adapter == null) {
      throw new IllegalStateException("no adapter for " + sample.call() + " in OpInfoAdapters");
    }
    return adapter;
  }

  private static void replay(String name, OpInfoSample sample, Adapter adapter) {
    Tensor[] leaves = leaves(sample.inputs(), false);
    Tensor out = adapter.call().apply(leaves, sample.args());
    Magnitudes magnitudes = adapter.sumOfProducts() ? Magnitudes.of(adapter, sample) : null;
    Reference expected = sample.output();
    if (expected.exact()) {
      assertWithMessage("%s: output shape", name).that(out.shape()).isEqualTo(expected.shape());
      assertWithMessage("%s: output", name).that(doubles(out.to(DType.FLOAT32)))
          .usingExactEquality().containsExactly(expected.values()).inOrder();
      return;
    }
    GradCheck.assertClose(name + ": output", out, expected.shape(), expected.values(),
        magnitudes == null ? null : magnitudes.output());
    if (sample.weights() == null) {
      return;
    }
    out.mul(sample.weights()).sum().backward();
    for (int i = 0; i < leaves.length; i++) {
      Reference expectedGrad = sample.grads()[i];
      if (expectedGrad == null) {
        continue;
      }
      Tensor grad = leaves[i].grad() == null ? leaves[i].zerosLike() : leaves[i].grad();
      GradCheck.assertClose(name + ": gradient of input " + i, grad, expectedGrad.shape(),
          expectedGrad.values(), magnitudes == null ? null : magnitudes.grads()[i]);
    }
  }

  /**
   * For a sum of products: the call on the inputs' absolute values, and its gradients weighted by
   * {@code |w|}, which bound the magnitudes of the terms summed into each output and gradient.
   */
  @SuppressWarnings("ArrayRecordComponent") // per-element scales, compared once
  private record Magnitudes(double[] output, double[][] grads) {
    static Magnitudes of(Adapter adapter, OpInfoSample sample) {
      Tensor[] leaves = leaves(sample.inputs(), true);
      Tensor out = adapter.call().apply(leaves, sample.args());
      double[][] grads = new double[leaves.length][];
      if (sample.weights() != null) {
        out.mul(absolute(sample.weights())).sum().backward();
        for (int i = 0; i < leaves.length; i++) {
          grads[i] = leaves[i].grad() != null ? doubles(leaves[i].grad())
              : new double[leaves[i].numel()];
        }
      }
      return new Magnitudes(doubles(out), grads);
    }
  }

  private static Tensor[] leaves(OpInfoInput[] inputs, boolean absolute) {
    Tensor[] leaves = new Tensor[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      leaves[i] = absolute ? inputs[i].absoluteLeaf() : inputs[i].leaf();
    }
    return leaves;
  }

  private static Tensor absolute(Tensor t) {
    float[] values = t.toFloatArray();
    for (int k = 0; k < values.length; k++) {
      values[k] = Math.abs(values[k]);
    }
    return Tensor.of(values, t.shape());
  }

  private static double[] doubles(Tensor t) {
    float[] values = t.toFloatArray();
    double[] out = new double[values.length];
    for (int k = 0; k < values.length; k++) {
      out[k] = values[k];
    }
    return out;
  }

  private static String entryName(JsonObject entry) {
    String variant = entry.get("variant").getAsString();
    return entry.get("opinfo").getAsString() + (variant.isEmpty() ? "" : "." + variant);
  }

  /** {@code kwarg alpha 6, over 1000 elements 11}, or {@code none}. */
  private static String reasons(JsonObject counts) {
    return counts.size() == 0 ? "none" : counts.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
