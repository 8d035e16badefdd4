package dev.lamina.ops;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.lamina.Generator;
import dev.lamina.Tensor;
import dev.lamina.blas.Blas;
import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code matmul} against a naive triple loop in double precision: every {@code m, k, n} in 1..4,
 * operands given as row-major tensors or as transposed views, batched shapes with broadcast batch
 * dimensions, and products large enough to reach BLAS {@code sgemm}; on native BLAS and on the
 * pure-Java implementation.
 */
class MatMulTest {
  private final BLAS original = Blas.get();

  @AfterEach
  void restoreBlas() {
    Blas.use(original);
  }

  static Stream<String> implementations() {
    return Stream.of("native", "java");
  }

  @ParameterizedTest
  @MethodSource("implementations")
  void everySmallShapeAndTransposeCombinationMatchesNaiveLoop(String implementation) {
    use(implementation);
    Generator generator = new Generator(1);
    for (int m = 1; m <= 4; m++) {
      for (int k = 1; k <= 4; k++) {
        for (int n = 1; n <= 4; n++) {
          for (boolean transposeA : new boolean[] {false, true}) {
            for (boolean transposeB : new boolean[] {false, true}) {
              Tensor a = matrix(generator, m, k, transposeA);
              Tensor b = matrix(generator, k, n, transposeB);
              assertMatchesNaive(a, b);
            }
          }
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("implementations")
  void batchedShapesBroadcastTheirBatchDimensions(String implementation) {
    use(implementation);
    Generator generator = new Generator(2);
    int[][][] pairs = {
      {{2, 3, 4}, {2, 4, 2}},
      {{2, 1, 3, 4}, {3, 4, 2}},
      {{3, 4}, {2, 4, 2}},
      {{2, 3, 4}, {4, 2}},
      {{1, 3, 4}, {5, 4, 1}},
      {{2, 1, 1, 4}, {1, 3, 4, 3}},
    };
    for (int[][] pair : pairs) {
      assertMatchesNaive(Tensor.randn(generator, pair[0]), Tensor.randn(generator, pair[1]));
      assertMatchesNaive(transposedView(generator, pair[0]), transposedView(generator, pair[1]));
    }
  }

  @ParameterizedTest
  @MethodSource("implementations")
  void largeProductsGoThroughSgemmWithoutCopyingTransposedOperands(String implementation) {
    use(implementation);
    CountingBlas counting = CountingBlas.around(Blas.get());
    Blas.use(counting.blas);
    Generator generator = new Generator(3);
    int m = 17;
    int k = 33;
    int n = 29;
    assertThat((long) m * k * n).isGreaterThan(MatMul.NATIVE_THRESHOLD);
    for (boolean transposeA : new boolean[] {false, true}) {
      for (boolean transposeB : new boolean[] {false, true}) {
        Tensor a = matrix(generator, m, k, transposeA);
        Tensor b = matrix(generator, k, n, transposeB);
        int before = counting.storages.size();
        assertMatchesNaive(a, b);
        assertWithMessage("sgemm calls for transposeA=%s transposeB=%s", transposeA, transposeB)
            .that(counting.storages.size() - before).isEqualTo(1);
        float[][] operands = counting.storages.get(before);
        // Row-major C = A B goes to column-major sgemm as B^T A^T: B is handed over first.
        assertThat(operands[0]).isSameInstanceAs(b.storage());
        assertThat(operands[1]).isSameInstanceAs(a.storage());
      }
    }
    int before = counting.storages.size();
    assertMatchesNaive(transposedView(generator, 2, m, k), Tensor.randn(generator, k, n));
    assertThat(counting.storages.size() - before).isEqualTo(2);
  }

  private static void use(String implementation) {
    if (implementation.equals("native")) {
      BLAS nativeBlas;
      try {
        nativeBlas = NativeBLAS.getInstance();
      } catch (RuntimeException | LinkageError e) {
        Assumptions.abort("no native BLAS on this machine: " + e);
        return;
      }
      Blas.use(nativeBlas);
    } else {
      Blas.use(Blas.java());
    }
  }

  /** An m x k matrix: row-major, or the transpose of a row-major k x m one. */
  private static Tensor matrix(Generator generator, int rows, int cols, boolean transposed) {
    return transposed ? Tensor.randn(generator, cols, rows).t() : Tensor.randn(generator, rows, cols);
  }

  /** A tensor of {@code shape} whose last two dimensions are a transposed view. */
  private static Tensor transposedView(Generator generator, int... shape) {
    int[] stored = shape.clone();
    int rank = shape.length;
    stored[rank - 1] = shape[rank - 2];
    stored[rank - 2] = shape[rank - 1];
    return Tensor.randn(generator, stored).transpose(-1, -2);
  }

  private static void assertMatchesNaive(Tensor a, Tensor b) {
    Tensor product = a.matmul(b);
    float[] expected = naive(a, b);
    String what = Arrays.toString(a.shape()) + " (strides " + Arrays.toString(a.stride()) + ") x "
        + Arrays.toString(b.shape()) + " (strides " + Arrays.toString(b.stride()) + ")";
    assertWithMessage("%s: shape", what).that(product.shape()).isEqualTo(naiveShape(a, b));
    float[] actual = product.toFloatArray();
    for (int i = 0; i < expected.length; i++) {
      assertWithMessage("%s at flat index %s", what, i)
          .that((double) actual[i]).isWithin(1e-5 * (1 + Math.abs(expected[i]))).of(expected[i]);
    }
  }

  private static int[] naiveShape(Tensor a, Tensor b) {
    int[] as = a.shape();
    int[] bs = b.shape();
    int rank = Math.max(as.length, bs.length);
    int[] out = new int[rank];
    for (int d = 0; d < rank - 2; d++) {
      out[d] = Math.max(batchSize(as, d, rank), batchSize(bs, d, rank));
    }
    out[rank - 2] = as[as.length - 2];
    out[rank - 1] = bs[bs.length - 1];
    return out;
  }

  private static int batchSize(int[] shape, int d, int rank) {
    int shifted = d - (rank - shape.length);
    return shifted < 0 ? 1 : shape[shifted];
  }

  /** {@code C[..., i, j] = sum_p A[..., i, p] B[..., p, j]}, reading elements through get(). */
  private static float[] naive(Tensor a, Tensor b) {
    int[] out = naiveShape(a, b);
    int rank = out.length;
    int m = out[rank - 2];
    int n = out[rank - 1];
    int k = a.size(-1);
    int batches = 1;
    for (int d = 0; d < rank - 2; d++) {
      batches *= out[d];
    }
    float[] c = new float[batches * m * n];
    int[] batch = new int[rank - 2];
    for (int p = 0; p < batches; p++) {
      int rest = p;
      for (int d = rank - 3; d >= 0; d--) {
        batch[d] = rest % out[d];
        rest /= out[d];
      }
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double sum = 0;
          for (int q = 0; q < k; q++) {
            sum += (double) a.get(index(a, batch, i, q)) * b.get(index(b, batch, q, j));
          }
          c[(p * m + i) * n + j] = (float) sum;
        }
      }
    }
    return c;
  }

  /** The index into {@code t} of matrix entry (row, col) at a broadcast batch position. */
  private static int[] index(Tensor t, int[] batch, int row, int col) {
    int[] shape = t.shape();
    int rank = shape.length;
    int[] index = new int[rank];
    for (int d = 0; d < rank - 2; d++) {
      int outDim = d + batch.length - (rank - 2);
      index[d] = shape[d] == 1 ? 0 : batch[outDim];
    }
    index[rank - 2] = row;
    index[rank - 1] = col;
    return index;
  }

  /** A BLAS that records the arrays every {@code sgemm} call receives, then delegates. */
  private static final class CountingBlas {
    final List<float[][]> storages = new ArrayList<>();
    BLAS blas;

    static CountingBlas around(BLAS delegate) {
      CountingBlas counting = new CountingBlas();
      counting.blas = (BLAS) Proxy.newProxyInstance(BLAS.class.getClassLoader(),
          new Class<?>[] {BLAS.class}, (proxy, method, args) -> {
            if (method.getName().equals("sgemm")) {
              counting.storages.add(Arrays.stream(args)
                  .filter(float[].class::isInstance).toArray(float[][]::new));
            }
            try {
              return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
      return counting;
    }
  }
}
