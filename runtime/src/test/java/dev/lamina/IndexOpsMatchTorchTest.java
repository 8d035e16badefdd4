package dev.lamina;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.lamina.loss.Losses;
import dev.lamina.testing.Fixtures;
import dev.lamina.testing.GradCheck;
import dev.lamina.testing.TorchCase;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The ops that take or give int64 and bool tensors against PyTorch, one line per case of
 * {@code fixtures/extras/index_fixtures.json} ({@code make_index_fixtures.py}): outputs equal
 * PyTorch's (exactly, dtype included, for int64 and bool results), and for the differentiable ones
 * the gradients with respect to every float input equal PyTorch's and finite differences (but
 * for an embedding's padding row, whose gradient PyTorch keeps at zero).
 */
class IndexOpsMatchTorchTest {
  private static final Path FIXTURES = Path.of("..", "fixtures", "extras", "index_fixtures.json");
  private static final Map<String, Function<Tensor[], Tensor>> OPS = new LinkedHashMap<>();

  static {
    comparison("eq", Tensor::eq, Tensor::eq);
    comparison("ne", Tensor::ne, Tensor::ne);
    comparison("lt", Tensor::lt, Tensor::lt);
    comparison("le", Tensor::le, Tensor::le);
    comparison("gt", Tensor::gt, Tensor::gt);
    comparison("ge", Tensor::ge, Tensor::ge);
    op("lt/transposed4x3,3x1", x -> x[0].t().lt(x[1]));
    op("eq/nan", x -> x[0].eq(x[1]));
    op("ne/nan", x -> x[0].ne(x[1]));
    op("logicalNot/2x3", x -> x[0].logicalNot());
    op("logicalAnd/3x1,4", x -> x[0].logicalAnd(x[1]));
    op("logicalOr/3x1,4", x -> x[0].logicalOr(x[1]));

    op("where/3x4,3x4,3x4", x -> Tensor.where(x[0], x[1], x[2]));
    op("where/2x1x4,3x4,2x3x1", x -> Tensor.where(x[0], x[1], x[2]));
    op("where/4,scalar,3x4", x -> Tensor.where(x[0], x[1], x[2]));
    op("where/transposed4x3,3x4,scalar", x -> Tensor.where(x[0], x[1].t(), x[2]));
    op("maskedFill/3x4,4", x -> x[0].maskedFill(x[1], -1.5f));
    op("maskedFill/2x3x4,3x1", x -> x[0].maskedFill(x[1], 7f));
    op("maskedFill/3x4,3x4,-inf", x -> x[0].maskedFill(x[1], Float.NEGATIVE_INFINITY));

    op("argmax/all,3x4", x -> x[0].argmax());
    op("argmax/dim1,3x4", x -> x[0].argmax(1, false));
    op("argmax/dim0keep,3x4", x -> x[0].argmax(0, true));
    op("argmax/dim-1,2x3x4", x -> x[0].argmax(-1, false));

    op("gather/dim0", x -> x[0].gather(0, x[1]));
    op("gather/dim1", x -> x[0].gather(1, x[1]));
    op("gather/dim2", x -> x[0].gather(2, x[1]));
    op("gather/dim-1,smaller", x -> x[0].gather(-1, x[1]));
    op("gather/2x5,dim1", x -> x[0].gather(1, x[1]));
    op("gather/transposed4x3,dim1", x -> x[0].t().gather(1, x[1]));
    op("indexSelect/dim0", x -> x[0].indexSelect(0, x[1]));
    op("indexSelect/dim1", x -> x[0].indexSelect(1, x[1]));
    op("indexSelect/dim-1", x -> x[0].indexSelect(-1, x[1]));
    op("indexSelect/transposed4x3,dim0", x -> x[0].t().indexSelect(0, x[1]));
    op("indexSelect/5,empty", x -> x[0].indexSelect(0, x[1]));

    op("embedding/2x5", x -> Tensor.embedding(x[0], x[1]));
    op("embedding/scalar", x -> Tensor.embedding(x[0], x[1]));
    op("embedding/2x2x3,repeats", x -> Tensor.embedding(x[0], x[1]));
    // A weight computed by an op: its gradient goes through autograd, not into a leaf's buffer.
    op("embedding/2x5,scaledWeight", x -> Tensor.embedding(x[0], x[1].mul(2f)));
    op("embedding/2x5,padding2", x -> Tensor.embedding(x[0], x[1], 2));
    op("embedding/2x5,padding-1", x -> Tensor.embedding(x[0], x[1], -1));

    op("crossEntropy/4x5", x -> Losses.crossEntropy(x[0], x[1]));
    op("crossEntropy/5,scalar", x -> Losses.crossEntropy(x[0], x[1]));
    op("crossEntropy/2x5x3", x -> Losses.crossEntropy(x[0], x[1]));
    op("crossEntropy/2x4x2x3", x -> Losses.crossEntropy(x[0], x[1]));
    op("crossEntropy/4x5,ignored-100", x -> Losses.crossEntropy(x[0], x[1]));
    op("crossEntropy/2x5x3,ignore2", x -> Losses.crossEntropy(x[0], x[1], 2));
    op("crossEntropy/3x4,allIgnored", x -> Losses.crossEntropy(x[0], x[1]));
  }

  private static final Map<String, TorchCase> CASES = loadCases();

  @TestFactory
  Stream<DynamicTest> everyOpMatchesTorchAndFiniteDifferences() {
    return OPS.entrySet().stream().map(op -> DynamicTest.dynamicTest(op.getKey(), () -> {
      TorchCase expected = CASES.get(op.getKey());
      assertWithMessage("fixture for %s in index_fixtures.json", op.getKey())
          .that(expected).isNotNull();
      if (op.getKey().contains("padding")) {
        // The padding row's gradient is zero by definition, not the derivative.
        GradCheck.matchesTorch(expected, op.getValue());
      } else {
        GradCheck.checkAgainst(expected, op.getValue());
      }
    }));
  }

  @Test
  void embeddingGradientsAccumulateOverBackwardPasses() {
    TorchCase expected = CASES.get("embedding/2x5,padding2");
    Tensor ids = expected.inputs()[0];
    Tensor weight = expected.inputs()[1].copy().requiresGrad(true);
    for (int pass = 0; pass < 2; pass++) {
      Tensor.embedding(ids, weight, 2).mul(expected.weights()).sum().backward();
    }
    GradCheck.assertClose("two passes", weight.grad(), expected.grads()[1].mul(2f));

    weight.setGrad(null);
    Tensor.embedding(ids, weight, 2).mul(expected.weights()).sum().backward();
    GradCheck.assertClose("after clearing", weight.grad(), expected.grads()[1]);
  }

  /**
   * Ids are read where they are stored, in a view from its offset and along its strides, and the
   * graph keeps its own copy of them: ids changed in place after the forward do not move the
   * gradient.
   */
  @Test
  void idsAreReadThroughViewsAndKeptForBackward() {
    Tensor ids = Tensor.ofLongs(new long[] {4, 0, 2, 2, 1, 3, 0, 4, 3, 1, 1, 0}, 3, 4);
    Tensor weight = Tensor.randn(5, 3);
    Tensor[] views = {ids.t(), ids.select(0, 1), ids.slice(1, 1, 4, 2)};
    for (Tensor view : views) {
      Tensor fresh = Tensor.ofLongs(view.toLongArray(), view.shape());
      assertWithMessage("embedding of a view of shape %s", Arrays.toString(view.shape()))
          .that(Tensor.embedding(view, weight).toFloatArray()).usingExactEquality()
          .containsExactly(Tensor.embedding(fresh, weight).toFloatArray()).inOrder();
    }
    Tensor row = ids.select(0, 2);
    assertThat(weight.indexSelect(0, row).toFloatArray()).usingExactEquality()
        .containsExactly(weight.indexSelect(0, Tensor.ofLongs(3, 1, 1, 0)).toFloatArray())
        .inOrder();

    Tensor table = weight.copy().requiresGrad(true);
    Tensor out = Tensor.embedding(row, table);
    row.addInPlace(1);
    out.sum().backward();
    float[] rowsCounted = new float[15];
    for (long id : new long[] {3, 1, 1, 0}) {
      for (int k = 0; k < 3; k++) {
        rowsCounted[(int) id * 3 + k] += 1f;
      }
    }
    assertThat(table.grad().toFloatArray()).usingExactEquality().containsExactly(rowsCounted)
        .inOrder();
  }

  @Test
  void everyFixtureHasAnOp() {
    assertWithMessage("cases in index_fixtures.json without a line in this test")
        .that(CASES.keySet()).containsExactlyElementsIn(OPS.keySet());
  }

  private static void op(String name, Function<Tensor[], Tensor> op) {
    if (OPS.put(name, op) != null) {
      throw new IllegalStateException("two lines for " + name);
    }
  }

  private interface WithScalar {
    Tensor apply(Tensor x, float value);
  }

  /** The cases of {@code comparisons()} in {@code make_index_fixtures.py}. */
  private static void comparison(String name, BinaryOperator<Tensor> f, WithScalar withScalar) {
    for (String shapes : new String[] {"3x4,3x4", "3x1,1x4", "2x1x3,4x1", "int64,3x1,4"}) {
      op(name + "/" + shapes, x -> f.apply(x[0], x[1]));
    }
    op(name + "/scalar1,2x3", x -> withScalar.apply(x[0], 1f));
  }

  private static Map<String, TorchCase> loadCases() {
    Map<String, TorchCase> cases = new LinkedHashMap<>();
    try (Reader reader = Files.newBufferedReader(FIXTURES)) {
      for (JsonElement element :
          JsonParser.parseReader(reader).getAsJsonObject().getAsJsonArray("cases")) {
        JsonObject c = element.getAsJsonObject();
        boolean differentiable = c.has("weights");
        cases.put(c.get("name").getAsString(), new TorchCase(
            c.get("name").getAsString(),
            tensors(c.getAsJsonArray("inputs")),
            tensor(c.get("output")),
            differentiable ? tensor(c.get("weights")) : null,
            differentiable ? tensors(c.getAsJsonArray("grads")) : null));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + FIXTURES, e);
    }
    return cases;
  }

  private static Tensor[] tensors(JsonArray array) {
    Tensor[] out = new Tensor[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).isJsonNull() ? null : tensor(array.get(i));
    }
    return out;
  }

  /** A stored {@code {"dtype", "shape", "data"}} tensor in its own dtype. */
  static Tensor tensor(JsonElement element) {
    JsonObject object = element.getAsJsonObject();
    int[] shape = Fixtures.ints(object.getAsJsonArray("shape"));
    JsonArray data = object.getAsJsonArray("data");
    switch (object.get("dtype").getAsString()) {
      case "int64" -> {
        long[] values = new long[data.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = data.get(i).getAsLong();
        }
        return Tensor.ofLongs(values, shape);
      }
      case "bool" -> {
        boolean[] values = new boolean[data.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = data.get(i).getAsBoolean();
        }
        return Tensor.ofBooleans(values, shape);
      }
      default -> {
        return Tensor.of(Fixtures.floats(data), shape);
      }
    }
  }
}
