package dev.lamina;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.lamina.annotations.DType;
import dev.lamina.ops.Affine;
import dev.lamina.testing.GradCheck;
import dev.lamina.testing.TorchCase;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every differentiable op against PyTorch, one line per op and shape: the output and the gradients
 * of {@code sum(w * out)} equal those in {@code fixtures/runtime/ops.json}, and the gradients agree
 * with finite differences. Case names match {@code make_fixtures.py}; where a name says
 * {@code transposed} or {@code sliced}, the op is given a non-contiguous view of the stored input.
 */
class OpsMatchTorchTest {
  private static final Map<String, Function<Tensor[], Tensor>> OPS = new LinkedHashMap<>();

  static {
    binary("add", Tensor::add);
    binary("sub", Tensor::sub);
    binary("mul", Tensor::mul);
    binary("div", Tensor::div);
    op("addScalar/2x3", x -> x[0].add(2.5f));
    op("subScalar/scalar", x -> x[0].sub(2.5f));
    op("mulScalar/2x3", x -> x[0].mul(-1.5f));
    op("divScalar/3", x -> x[0].div(4f));

    unary("neg", Tensor::neg);
    unary("exp", Tensor::exp);
    unary("log", Tensor::log);
    unary("sqrt", Tensor::sqrt);
    unary("abs", Tensor::abs);
    unary("relu", Tensor::relu);
    unary("sigmoid", Tensor::sigmoid);
    unary("tanh", Tensor::tanh);

    op("pow2/2x3", x -> x[0].pow(2));
    op("pow3/2x3", x -> x[0].pow(3));
    op("pow0.5/2x3", x -> x[0].pow(0.5f));
    op("pow-1.5/scalar", x -> x[0].pow(-1.5f));
    op("pow-1.5/transposed3x2", x -> x[0].t().pow(-1.5f));

    alongDim("softmax", Tensor::softmax);
    alongDim("logSoftmax", Tensor::logSoftmax);

    op("sum/all,scalar", x -> x[0].sum());
    op("sum/all,2x3", x -> x[0].sum());
    op("sum/dim0,2x3", x -> x[0].sum(0, false));
    op("sum/dim1keep,2x3", x -> x[0].sum(1, true));
    op("sum/dim-1,2x3x4", x -> x[0].sum(-1, false));
    op("sum/dims0,2,2x3x4", x -> x[0].sum(new int[] {0, 2}, false));
    op("sum/dims0,-1keep,2x3x4", x -> x[0].sum(new int[] {0, -1}, true));
    op("sum/dim0,transposed3x2", x -> x[0].t().sum(0, false));
    op("sum/dim0,1x3", x -> x[0].sum(0, false));
    op("mean/all,scalar", x -> x[0].mean());
    op("mean/all,2x3", x -> x[0].mean());
    op("mean/dim0,2x3", x -> x[0].mean(0, false));
    op("mean/dim1keep,2x3", x -> x[0].mean(1, true));
    op("mean/dim-1,2x3x4", x -> x[0].mean(-1, false));
    op("mean/dims0,2,2x3x4", x -> x[0].mean(new int[] {0, 2}, false));
    op("mean/dims0,-1keep,2x3x4", x -> x[0].mean(new int[] {0, -1}, true));
    op("mean/dim0,transposed3x2", x -> x[0].t().mean(0, false));
    op("mean/dim0,1x3", x -> x[0].mean(0, false));

    op("max/all,2x3", x -> x[0].max());
    op("max/all,scalar", x -> x[0].max());
    op("max/dim1,2x3", x -> x[0].max(1, false));
    op("max/dim0keep,2x3", x -> x[0].max(0, true));
    op("max/dim-1,2x3x4", x -> x[0].max(-1, false));
    op("max/dim1,transposed4x3", x -> x[0].t().max(1, false));
    // The stored indices are floats; argmax's own int64 type is checked in IndexOpsMatchTorchTest.
    op("argmax/all,2x3", x -> x[0].argmax().to(DType.FLOAT32));
    op("argmax/dim1,2x3", x -> x[0].argmax(1, false).to(DType.FLOAT32));
    op("argmax/dim0keep,2x3", x -> x[0].argmax(0, true).to(DType.FLOAT32));
    op("argmax/dim-1,transposed4x3", x -> x[0].t().argmax(-1, false).to(DType.FLOAT32));

    op("matmul/3,3", x -> x[0].matmul(x[1]));
    op("matmul/2x3,3", x -> x[0].matmul(x[1]));
    op("matmul/3,3x4", x -> x[0].matmul(x[1]));
    op("matmul/2x3,3x4", x -> x[0].matmul(x[1]));
    op("matmul/1x1,1x1", x -> x[0].matmul(x[1]));
    op("matmul/2x2x3,3x4", x -> x[0].matmul(x[1]));
    op("matmul/2x3,2x3x4", x -> x[0].matmul(x[1]));
    op("matmul/2x1x2x3,3x3x4", x -> x[0].matmul(x[1]));
    op("matmul/3,2x3x4", x -> x[0].matmul(x[1]));
    op("matmul/2x3x4,4", x -> x[0].matmul(x[1]));
    op("linear/2x3,4x3,4", x -> x[0].linear(x[1], x[2]));
    op("linear/3,4x3,4", x -> x[0].linear(x[1], x[2]));
    op("linear/2x2x3,4x3,4", x -> x[0].linear(x[1], x[2]));
    op("linear/2x3,4x3,nobias", x -> x[0].linear(x[1], null));
    op("linear/large40x30,20x30,20", x -> x[0].linear(x[1], x[2]));
    op("linearRelu/4x3,5x3,5", x -> Affine.applyRelu(x[0], x[1], x[2]));
    op("matmul/transposed4x3,4x2", x -> x[0].t().matmul(x[1]));
    op("matmul/2x3,transposed4x3", x -> x[0].matmul(x[1].t()));
    op("matmul/batchTransposed", x -> x[0].transpose(-1, -2).matmul(x[1].transpose(-1, -2)));
    op("matmul/large17x33,33x29", x -> x[0].matmul(x[1]));

    op("reshape/2x3,3x2", x -> x[0].reshape(3, 2));
    op("reshape/6,2x-1", x -> x[0].reshape(2, -1));
    op("reshape/scalar,1x1", x -> x[0].reshape(1, 1));
    op("reshape/1,scalar", x -> x[0].reshape());
    op("reshape/transposed3x2,6", x -> x[0].t().reshape(6));
    op("transpose/2x3x4,0,2", x -> x[0].transpose(0, 2));
    op("transpose/2x3x4,-1,-2", x -> x[0].transpose(-1, -2));
    op("permute/2x3x4,2,0,1", x -> x[0].permute(2, 0, 1));
    op("permute/2x3x4,-1,0,1", x -> x[0].permute(-1, 0, 1));
    op("unsqueeze/2x3,0", x -> x[0].unsqueeze(0));
    op("unsqueeze/2x3,-1", x -> x[0].unsqueeze(-1));
    op("unsqueeze/2x3,1", x -> x[0].unsqueeze(1));
    op("unsqueeze/scalar,0", x -> x[0].unsqueeze(0));
    op("unsqueeze/transposed3x2,1", x -> x[0].t().unsqueeze(1));
    op("squeeze/2x1x3,all", x -> x[0].squeeze());
    op("squeeze/2x1x3,1", x -> x[0].squeeze(1));
    op("squeeze/2x1x3,-2", x -> x[0].squeeze(-2));
    op("squeeze/2x1x3,0", x -> x[0].squeeze(0));
    op("squeeze/1x1,all", x -> x[0].squeeze());
    op("cat/dim0,2x3,1x3", x -> Tensor.cat(0, x[0], x[1]));
    op("cat/dim1,2x3,2x2", x -> Tensor.cat(1, x[0], x[1]));
    op("cat/dim-1,three", x -> Tensor.cat(-1, x[0], x[1], x[2]));
    op("cat/dim0,transposed", x -> Tensor.cat(0, x[0].t(), x[1]));
    op("stack/dim0,2x3", x -> Tensor.stack(0, x[0], x[1]));
    op("stack/dim2,2x3", x -> Tensor.stack(2, x[0], x[1]));
    op("stack/dim-1,scalars", x -> Tensor.stack(-1, x[0], x[1], x[2]));
    op("slice/dim0,1:3,4x3", x -> x[0].slice(0, 1, 3));
    op("slice/dim1,step2,2x5", x -> x[0].slice(1, 0, 5, 2));
    op("slice/dim1,-2:,2x5", x -> x[0].slice(1, -2, Integer.MAX_VALUE));
    op("slice/dim-1,1:3,transposed", x -> x[0].t().slice(-1, 1, 3));
    op("select/dim0,1,4x3", x -> x[0].select(0, 1));
    op("select/dim-1,-1,2x3x4", x -> x[0].select(-1, -1));
    op("select/dim0,0,3", x -> x[0].select(0, 0));
    op("expand/3x1,3x4", x -> x[0].expand(3, 4));
    op("expand/3,2x3", x -> x[0].expand(2, 3));
    op("expand/scalar,2x2", x -> x[0].expand(2, 2));
    op("expand/1x3,2x-1", x -> x[0].expand(2, -1));
    op("expand/then-mul", x -> x[0].expand(2, 3).mul(x[1]));
  }

  private static final Map<String, TorchCase> CASES = TorchCase.loadOps();

  @TestFactory
  Stream<DynamicTest> everyOpMatchesTorchAndFiniteDifferences() {
    return OPS.entrySet().stream().map(op -> DynamicTest.dynamicTest(op.getKey(), () -> {
      TorchCase expected = CASES.get(op.getKey());
      assertWithMessage("fixture for %s in ops.json", op.getKey()).that(expected).isNotNull();
      GradCheck.checkAgainst(expected, op.getValue());
    }));
  }

  @Test
  void everyFixtureHasAnOp() {
    assertWithMessage("cases in ops.json without a line in this test")
        .that(CASES.keySet()).containsExactlyElementsIn(OPS.keySet());
  }

  private static void op(String name, Function<Tensor[], Tensor> op) {
    if (OPS.put(name, op) != null) {
      throw new IllegalStateException("two lines for " + name);
    }
  }

  /** The shapes of {@code binary_cases} in {@code make_fixtures.py}. */
  private static void binary(String name, BinaryOperator<Tensor> f) {
    for (String shapes : new String[] {
        "2x3,2x3", "3x1,1x4", "4x1x3,2x1", "scalar,2x3", "2x3,scalar", "scalar,scalar", "1,3"}) {
      op(name + "/" + shapes, x -> f.apply(x[0], x[1]));
    }
    op(name + "/transposed3x2,2x3", x -> f.apply(x[0].t(), x[1]));
    op(name + "/2x3,sliced2x6", x -> f.apply(x[0], x[1].slice(1, 0, 6, 2)));
  }

  private static void unary(String name, UnaryOperator<Tensor> f) {
    for (String shape : new String[] {"scalar", "5", "2x3"}) {
      op(name + "/" + shape, x -> f.apply(x[0]));
    }
    op(name + "/transposed4x3", x -> f.apply(x[0].t()));
  }

  private interface AlongDim {
    Tensor apply(Tensor x, int dim);
  }

  private static void alongDim(String name, AlongDim f) {
    op(name + "/scalar,dim0", x -> f.apply(x[0], 0));
    op(name + "/5,dim0", x -> f.apply(x[0], 0));
    op(name + "/2x3,dim1", x -> f.apply(x[0], 1));
    op(name + "/2x3,dim0", x -> f.apply(x[0], 0));
    op(name + "/2x3,dim-1", x -> f.apply(x[0], -1));
    op(name + "/2x3x4,dim1", x -> f.apply(x[0], 1));
    op(name + "/2x3x4,dim-3", x -> f.apply(x[0], -3));
    op(name + "/transposed3x2,dim1", x -> f.apply(x[0].t(), 1));
    op(name + "/large2x3,dim1", x -> f.apply(x[0].mul(50f), 1));
  }
}
