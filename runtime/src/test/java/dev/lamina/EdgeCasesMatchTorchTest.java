package dev.lamina;

import static com.google.common.truth.Truth.assertWithMessage;
import static dev.lamina.testing.GradCheck.assertClose;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.lamina.ops.Affine;
import dev.lamina.testing.Fixtures;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Ops at the edges against PyTorch ({@code fixtures/runtime/edges.json}): NaN and infinite values
 * and gradients, tensors without elements, empty vectors in {@code cat}, an empty list of
 * dimensions to sum, slices with huge steps, and what {@code arange} makes or refuses. Each case
 * runs {@code out.backward(upstream)}; NaN must be NaN and infinities equal.
 */
class EdgeCasesMatchTorchTest {
  private static final int HUGE_STEP = Integer.MAX_VALUE;
  private static final Map<String, Function<Tensor[], Tensor>> OPS = new LinkedHashMap<>();

  static {
    for (String upstream : new String[] {"", ",infUpstream", ",nanUpstream"}) {
      op("relu/special" + upstream, x -> x[0].relu());
      op("abs/special" + upstream, x -> x[0].abs());
    }
    op("linearRelu/nanBias", x -> Affine.applyRelu(x[0], x[1], x[2]));

    op("exp/3x0", x -> x[0].exp());
    op("add/3x0,1", x -> x[0].add(x[1]));
    op("mul/3x0,3x1", x -> x[0].mul(x[1]));
    op("matmul/3x0,0x4", x -> x[0].matmul(x[1]));
    op("matmul/0x3,3x4", x -> x[0].matmul(x[1]));
    op("linear/3x0,4x0,4", x -> x[0].linear(x[1], x[2]));
    op("sum/all,3x0", x -> x[0].sum());
    op("sum/dim0,3x0", x -> x[0].sum(0, false));
    op("sum/dim1,3x0", x -> x[0].sum(1, false));
    op("mean/dim1,3x0", x -> x[0].mean(1, false));
    op("reshape/3x0,0x3", x -> x[0].reshape(0, 3));
    op("transpose/3x0", x -> x[0].t().contiguous());
    op("cat/dim0,3x0,3x0", x -> Tensor.cat(0, x[0], x[1]));
    op("cat/dim1,3x0,3x2", x -> Tensor.cat(1, x[0], x[1]));

    op("cat/dim0,0,2x3", x -> Tensor.cat(0, x[0], x[1]));
    op("cat/dim1,2x3,0,2x1", x -> Tensor.cat(1, x[0], x[1], x[2]));
    op("cat/dim-1,0,2x3", x -> Tensor.cat(-1, x[0], x[1]));
    op("cat/dim0,0,0", x -> Tensor.cat(0, x[0], x[1]));

    op("sum/dims[],2x3", x -> x[0].sum(new int[0], false));
    op("sum/dims[]keep,2x3", x -> x[0].sum(new int[0], true));
    op("sum/dims[],scalar", x -> x[0].sum(new int[0], false));
    op("mean/dims[],2x3", x -> x[0].mean(new int[0], false));

    op("slice/stepMax,4", x -> x[0].slice(0, 0, 4, HUGE_STEP));
    op("slice/stepMax-2,4", x -> x[0].slice(0, 0, 4, HUGE_STEP - 2));
    op("slice/dim0,stepMax,4x3", x -> x[0].slice(0, 1, Integer.MAX_VALUE, HUGE_STEP));
    op("slice/dim1,stepMax,transposed3x4",
        x -> x[0].t().slice(1, 2, Integer.MAX_VALUE, HUGE_STEP));
  }

  private static final JsonObject FIXTURES = Fixtures.load("edges.json");

  @TestFactory
  Stream<DynamicTest> everyEdgeCaseMatchesTorch() {
    return cases().map(c -> {
      String name = c.get("name").getAsString();
      return DynamicTest.dynamicTest(name, () -> {
        Function<Tensor[], Tensor> op = OPS.get(name);
        assertWithMessage("a line for %s in this test", name).that(op).isNotNull();
        Tensor[] leaves = Fixtures.tensors(c.getAsJsonArray("inputs"));
        for (int i = 0; i < leaves.length; i++) {
          leaves[i].requiresGrad(true);
        }
        Tensor out = op.apply(leaves);
        assertClose(name + ": output", out, Fixtures.tensor(c.get("output")));
        out.backward(Fixtures.tensor(c.get("upstream")));
        Tensor[] grads = Fixtures.tensors(c.getAsJsonArray("grads"));
        for (int i = 0; i < leaves.length; i++) {
          Tensor grad = leaves[i].grad() == null ? leaves[i].zerosLike() : leaves[i].grad();
          assertClose(name + ": gradient of input " + i, grad, grads[i]);
        }
      });
    });
  }

  @Test
  void everyOpHasAFixture() {
    assertWithMessage("lines in this test without a case in edges.json")
        .that(cases().map(c -> c.get("name").getAsString()).toList())
        .containsExactlyElementsIn(OPS.keySet());
  }

  @TestFactory
  Stream<DynamicTest> arangeMakesOrRefusesAsTorch() {
    return StreamSupport.stream(FIXTURES.getAsJsonArray("aranges").spliterator(), false)
        .map(JsonElement::getAsJsonObject)
        .map(c -> {
          float start = c.get("start").getAsFloat();
          float end = c.get("end").getAsFloat();
          float step = c.get("step").getAsFloat();
          String name = "arange(" + start + ", " + end + ", " + step + ")";
          return DynamicTest.dynamicTest(name, () -> {
            if (c.has("error")) {
              assertThrows(IllegalArgumentException.class, () -> Tensor.arange(start, end, step),
                  name + " is refused by PyTorch: " + c.get("error").getAsString());
            } else {
              assertClose(name, Tensor.arange(start, end, step), Fixtures.tensor(c.get("output")));
            }
          });
        });
  }

  private static Stream<JsonObject> cases() {
    return StreamSupport.stream(FIXTURES.getAsJsonArray("cases").spliterator(), false)
        .map(JsonElement::getAsJsonObject);
  }

  private static void op(String name, Function<Tensor[], Tensor> op) {
    if (OPS.put(name, op) != null) {
      throw new IllegalStateException("two lines for " + name);
    }
  }
}
