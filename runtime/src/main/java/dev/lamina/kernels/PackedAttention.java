package dev.lamina.kernels;

/**
 * Scaled dot-product self-attention of one head of one sequence, read straight from the packed
 * projections {@code [length, 3 · width]} that a self-attention's input projection makes (query,
 * key and value side by side in each row, each split into heads of {@code headSize}), in plain
 * loops: for the short sequences and small heads of a small transformer, where each product is a
 * few tens of thousands of multiply-adds and a call into BLAS per product, per head, costs more
 * than the product.
 *
 * <pre>
 * S = scale · Q Kᵀ        P = softmax(S) along each row      O = P V
 * dV = Pᵀ dO    dP = dO Vᵀ    dS = P ∘ (dP − rowsum(P ∘ dP))    dQ = scale · dS K    dK = scale · dSᵀ Q
 * </pre>
 *
 * <p>The probabilities are kept transposed, {@code Pᵀ[key][query]}: every loop then runs along
 * the queries of one key, contiguous, and vectorizes, the softmax's maxima and sums included,
 * which become element-wise across rows. The two products that want {@code P} itself
 * ({@code dV}, {@code dK}) read a transposed copy. The query is scaled before its product, as
 * PyTorch's attention does.
 *
 * <p>One {@link Workspace} per thread holds the per-head scratch arrays, so a batch of heads
 * allocates nothing per head.
 */
public final class PackedAttention {
  private PackedAttention() {}

  /** The scratch arrays of one head's forward and backward, for sequences of one length. */
  public static final class Workspace {
    final int length;
    final int headSize;
    /** {@code [headSize][length]}: the scaled query, transposed; in backward, the output's gradient. */
    final float[] columns;
    /** {@code [length][length]}: the scores, transposed; in backward, {@code dPᵀ}, then {@code dSᵀ}. */
    final float[] square;
    /** {@code [length][length]}: {@code P} or {@code dS} in query-major order. */
    final float[] transposed;
    /** {@code [headSize][length]}: a product's result, transposed. */
    final float[] result;
    /** {@code [length]}: per query, the largest score, then the inverse sum; in backward, {@code rowsum(P ∘ dP)}. */
    final float[] perQuery;

    /** Scratch for sequences of {@code length} and heads of {@code headSize}. */
    public Workspace(int length, int headSize) {
      this.length = length;
      this.headSize = headSize;
      this.columns = new float[headSize * length];
      this.square = new float[length * length];
      this.transposed = new float[length * length];
      this.result = new float[headSize * length];
      this.perQuery = new float[length];
    }
  }

  /**
   * One head's {@code O = softmax(scale · Q Kᵀ) V}. {@code packed[base + i * 3 width + c]} is
   * column {@code c} of row {@code i}: the head's query is columns {@code head · headSize} onward,
   * its key {@code width} further, its value {@code 2 width} further. Writes the output to
   * {@code out[outBase + i * width + head · headSize + e]} and {@code Pᵀ} to
   * {@code probabilities[probabilitiesBase, + length²)}, for {@link #backward}.
   */
  public static void forward(float[] packed, int base, int width, int head, float scale,
      float[] out, int outBase, float[] probabilities, int probabilitiesBase, Workspace work) {
    int n = work.length;
    int size = work.headSize;
    int rowStride = 3 * width;
    int query = base + head * size;
    int key = query + width;
    int value = query + 2 * width;
    float[] queryColumns = work.columns;
    for (int i = 0; i < n; i++) {
      for (int d = 0; d < size; d++) {
        queryColumns[d * n + i] = scale * packed[query + i * rowStride + d];
      }
    }
    float[] scores = work.square;
    rowsTimesColumns(packed, key, rowStride, size, queryColumns, n, scores);
    softmaxOfColumns(scores, probabilities, probabilitiesBase, n, work.perQuery);
    float[] output = work.result;
    columnsTimesSquare(packed, value, rowStride, size, probabilities, probabilitiesBase, n,
        output);
    int outColumn = outBase + head * size;
    for (int i = 0; i < n; i++) {
      for (int e = 0; e < size; e++) {
        out[outColumn + i * width + e] = output[e * n + i];
      }
    }
  }

  /**
   * The gradients of one head's query, key and value from the output's gradient
   * {@code grad[gradBase + i * width + head · headSize + e]} and what {@link #forward} kept, written
   * into {@code packedGrad} where {@code packed} holds them (overwriting).
   */
  public static void backward(float[] packed, int base, int width, int head, float scale,
      float[] grad, int gradBase, float[] probabilities, int probabilitiesBase, float[] packedGrad,
      Workspace work) {
    int n = work.length;
    int size = work.headSize;
    int rowStride = 3 * width;
    int column = head * size;
    float[] gradColumns = work.columns;
    for (int i = 0; i < n; i++) {
      for (int e = 0; e < size; e++) {
        gradColumns[e * n + i] = grad[gradBase + i * width + column + e];
      }
    }
    // dV[j] = Σ_i P[i][j] dO[i]: with P query-major, the loop runs along the keys.
    transpose(probabilities, probabilitiesBase, n, work.transposed);
    columnsTimesSquare(grad, gradBase + column, width, size, work.transposed, 0, n, work.result);
    scatter(work.result, n, size, 1f, packedGrad, base + column + 2 * width, rowStride);

    // dPᵀ[j][i] = Σ_e V[j][e] dO[i][e], then dSᵀ = Pᵀ ∘ (dPᵀ − δ) with δ[i] = Σ_j P[i][j] dP[i][j].
    float[] scoresGrad = work.square;
    rowsTimesColumns(packed, base + column + 2 * width, rowStride, size, gradColumns, n,
        scoresGrad);
    float[] delta = work.perQuery;
    java.util.Arrays.fill(delta, 0f);
    for (int j = 0; j < n; j++) {
      int row = j * n;
      int p = probabilitiesBase + row;
      for (int i = 0; i < n; i++) {
        delta[i] += probabilities[p + i] * scoresGrad[row + i];
      }
    }
    for (int j = 0; j < n; j++) {
      int row = j * n;
      int p = probabilitiesBase + row;
      for (int i = 0; i < n; i++) {
        scoresGrad[row + i] = probabilities[p + i] * (scoresGrad[row + i] - delta[i]);
      }
    }
    // dQ[i] = scale Σ_j dS[i][j] K[j], along the queries of dSᵀ.
    columnsTimesSquare(packed, base + column + width, rowStride, size, scoresGrad, 0, n,
        work.result);
    scatter(work.result, n, size, scale, packedGrad, base + column, rowStride);
    // dK[j] = scale Σ_i dS[i][j] Q[i], along the keys of dS.
    transpose(scoresGrad, 0, n, work.transposed);
    columnsTimesSquare(packed, base + column, rowStride, size, work.transposed, 0, n,
        work.result);
    scatter(work.result, n, size, scale, packedGrad, base + column + width, rowStride);
  }

  /**
   * {@code out[j][i] = Σ_d a[j][d] · columns[d][i]} for {@code j, i < n}, {@code a[j][d]} being
   * {@code data[from + j * rowStride + d]} and {@code columns} {@code [size][n]}: the inner loop
   * runs along {@code i}, two {@code d} at a time.
   */
  static void rowsTimesColumns(float[] data, int from, int rowStride, int size, float[] columns,
      int n, float[] out) {
    for (int j = 0; j < n; j++) {
      int a = from + j * rowStride;
      int row = j * n;
      int d = 0;
      if ((size & 1) == 1) {
        float a0 = data[a];
        for (int i = 0; i < n; i++) {
          out[row + i] = a0 * columns[i];
        }
        d = 1;
      } else {
        java.util.Arrays.fill(out, row, row + n, 0f);
      }
      for (; d < size; d += 2) {
        float a0 = data[a + d];
        float a1 = data[a + d + 1];
        int c0 = d * n;
        int c1 = c0 + n;
        for (int i = 0; i < n; i++) {
          out[row + i] += a0 * columns[c0 + i] + a1 * columns[c1 + i];
        }
      }
    }
  }

  /**
   * {@code out[e][i] = Σ_j b[j][e] · square[j][i]} for {@code e < size}, {@code i < n}, where
   * {@code b[j][e]} is {@code data[from + j * rowStride + e]} and {@code square[j][i]} is
   * {@code square[squareBase + j * n + i]}: the inner loop runs along {@code i}, four {@code j} at
   * a time.
   */
  static void columnsTimesSquare(float[] data, int from, int rowStride, int size,
      float[] square, int squareBase, int n, float[] out) {
    java.util.Arrays.fill(out, 0, size * n, 0f);
    int j = 0;
    for (; j + 4 <= n; j += 4) {
      int b = from + j * rowStride;
      int s0 = squareBase + j * n;
      int s1 = s0 + n;
      int s2 = s1 + n;
      int s3 = s2 + n;
      for (int e = 0; e < size; e++) {
        float b0 = data[b + e];
        float b1 = data[b + rowStride + e];
        float b2 = data[b + 2 * rowStride + e];
        float b3 = data[b + 3 * rowStride + e];
        int row = e * n;
        for (int i = 0; i < n; i++) {
          out[row + i] += b0 * square[s0 + i] + b1 * square[s1 + i] + b2 * square[s2 + i]
              + b3 * square[s3 + i];
        }
      }
    }
    for (; j < n; j++) {
      int b = from + j * rowStride;
      int s0 = squareBase + j * n;
      for (int e = 0; e < size; e++) {
        float b0 = data[b + e];
        int row = e * n;
        for (int i = 0; i < n; i++) {
          out[row + i] += b0 * square[s0 + i];
        }
      }
    }
  }

  /**
   * Softmax down each column of {@code scores [n][n]} (a column is one query's scores, the rows
   * its keys) into {@code probabilities[base, + n²)} in the same layout. A column of {@code -inf}
   * only gives NaN, as in PyTorch.
   */
  static void softmaxOfColumns(float[] scores, float[] probabilities, int base, int n,
      float[] perQuery) {
    float[] max = perQuery;
    java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
    for (int j = 0; j < n; j++) {
      int row = j * n;
      for (int i = 0; i < n; i++) {
        max[i] = Math.max(max[i], scores[row + i]);
      }
    }
    for (int i = 0; i < n; i++) {
      if (max[i] == Float.NEGATIVE_INFINITY) {
        max[i] = 0f;
      }
    }
    // e^(s - max) in FloatExp's two halves: the polynomial over the whole square in one
    // vectorized loop, then each element finished from its shifted score, recomputed.
    for (int j = 0; j < n; j++) {
      int row = j * n;
      int p = base + row;
      for (int i = 0; i < n; i++) {
        probabilities[p + i] = scores[row + i] - max[i];
      }
    }
    FloatExp.reduceInPlace(probabilities, base, base + n * n);
    for (int j = 0; j < n; j++) {
      int row = j * n;
      int p = base + row;
      for (int i = 0; i < n; i++) {
        probabilities[p + i] = FloatExp.fromReduced(probabilities[p + i], scores[row + i] - max[i]);
      }
    }
    float[] inverse = perQuery;
    java.util.Arrays.fill(inverse, 0f);
    for (int j = 0; j < n; j++) {
      int row = base + j * n;
      for (int i = 0; i < n; i++) {
        inverse[i] += probabilities[row + i];
      }
    }
    for (int i = 0; i < n; i++) {
      inverse[i] = 1f / inverse[i];
    }
    for (int j = 0; j < n; j++) {
      int row = base + j * n;
      for (int i = 0; i < n; i++) {
        probabilities[row + i] *= inverse[i];
      }
    }
  }

  /** {@code out[i][j] = square[base + j * n + i]}, an {@code n x n} transpose. */
  static void transpose(float[] square, int base, int n, float[] out) {
    for (int j = 0; j < n; j++) {
      int row = base + j * n;
      for (int i = 0; i < n; i++) {
        out[i * n + j] = square[row + i];
      }
    }
  }

  /** {@code target[from + i * rowStride + e] = factor · columns[e][i]}, the transpose back. */
  private static void scatter(float[] columns, int n, int size, float factor, float[] target,
      int from, int rowStride) {
    for (int i = 0; i < n; i++) {
      int row = from + i * rowStride;
      for (int e = 0; e < size; e++) {
        target[row + e] = factor * columns[e * n + i];
      }
    }
  }
}
