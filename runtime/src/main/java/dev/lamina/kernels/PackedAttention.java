package dev.lamina.kernels;

/**
 * Scaled dot-product self-attention of one head of one sequence, read straight from the packed
 * projections {@code [length, 3 · width]} that a self-attention's input projection makes (query,
 * key and value side by side in each row, each split into heads of {@code headSize}):
 *
 * <pre>
 * Z = scale · Q Kᵀ        P = softmax(Z) along each row      O = P V
 * dV = Pᵀ dO    dP = dO Vᵀ    dZ = P ∘ (dP − rowsum(P ∘ dP))    dQ = scale · dZ K    dK = scale · dZᵀ Q
 * </pre>
 *
 * <p>Each product is one {@link Gemm#multiply} on views of the packed rows, the gradient and the
 * output ({@code Kᵀ}, {@code Pᵀ} and {@code dZᵀ} as transposed views), so nothing is copied to
 * make an operand contiguous; the scale goes into the softmax's shift, {@code scale · (z - max)},
 * and into {@code dZ}, rather than onto an operand.
 */
public final class PackedAttention {
  private PackedAttention() {}

  /**
   * One head's {@code O = softmax(scale · Q Kᵀ) V} over {@code length} rows.
   * {@code packed[base + i * 3 width + c]} is column {@code c} of row {@code i}: the head's query is
   * columns {@code head · headSize} onward, its key {@code width} further, its value
   * {@code 2 width} further. Writes the output to
   * {@code out[outBase + i * width + head · headSize + e]} and {@code P} to
   * {@code probabilities[probabilitiesBase, + length²)}, row after row, for {@link #backward};
   * {@code shifted} is scratch of {@code length²}.
   */
  public static void forward(float[] packed, int base, int length, int width, int headSize,
      int head, float[] out, int outBase, float[] probabilities, int probabilitiesBase,
      float[] shifted) {
    int n = length;
    int rowStride = 3 * width;
    int query = base + head * headSize;
    Gemm.multiply(n, n, headSize, new Gemm.Matrix(packed, query, rowStride, 1),
        new Gemm.Matrix(packed, query + width, 1, rowStride), 0f, probabilities,
        probabilitiesBase, n);
    softmaxRows(probabilities, probabilitiesBase, n, scale(headSize), shifted);
    Gemm.multiply(n, headSize, n, new Gemm.Matrix(probabilities, probabilitiesBase, n, 1),
        new Gemm.Matrix(packed, query + 2 * width, rowStride, 1), 0f, out,
        outBase + head * headSize, width);
  }

  /**
   * The gradients of one head's query, key and value from the output's gradient
   * {@code grad[gradBase + i * width + head · headSize + e]} and the probabilities
   * {@link #forward} kept, written into {@code packedGrad} where {@code packed} holds them
   * (overwriting); {@code scores} is scratch of {@code length²}.
   */
  public static void backward(float[] packed, int base, int length, int width, int headSize,
      int head, float[] grad, int gradBase, float[] probabilities, int probabilitiesBase,
      float[] packedGrad, float[] scores) {
    int n = length;
    int rowStride = 3 * width;
    int query = base + head * headSize;
    int key = query + width;
    int value = query + 2 * width;
    Gemm.Matrix outputGrad = new Gemm.Matrix(grad, gradBase + head * headSize, width, 1);
    Gemm.multiply(n, headSize, n, new Gemm.Matrix(probabilities, probabilitiesBase, 1, n),
        outputGrad, 0f, packedGrad, value, rowStride);
    Gemm.multiply(n, n, headSize, outputGrad, new Gemm.Matrix(packed, value, 1, rowStride), 0f,
        scores, 0, n);
    float scale = scale(headSize);
    for (int r = 0; r < n; r++) {
      int row = r * n;
      int p = probabilitiesBase + row;
      float delta = (float) RowReductions.dot(probabilities, p, scores, row, n);
      for (int c = 0; c < n; c++) {
        scores[row + c] = scale * probabilities[p + c] * (scores[row + c] - delta);
      }
    }
    Gemm.multiply(n, headSize, n, new Gemm.Matrix(scores, 0, n, 1),
        new Gemm.Matrix(packed, key, rowStride, 1), 0f, packedGrad, query, rowStride);
    Gemm.multiply(n, headSize, n, new Gemm.Matrix(scores, 0, 1, n),
        new Gemm.Matrix(packed, query, rowStride, 1), 0f, packedGrad, key, rowStride);
  }

  /** {@code 1 / sqrt(headSize)}. */
  public static float scale(int headSize) {
    return (float) (1 / Math.sqrt(headSize));
  }

  /**
   * {@code p = softmax(scale · z)} along each row of the {@code n x n} square at
   * {@code values[base]}, in place: {@code e^(scale (z - max))} with the polynomial of every
   * exponential in one {@link FloatExp} loop over the square, then each finished from its shifted
   * score in {@code shifted}. A row of {@code -inf} only gives NaN, as in PyTorch.
   */
  static void softmaxRows(float[] values, int base, int n, float scale, float[] shifted) {
    for (int r = 0; r < n; r++) {
      int from = base + r * n;
      float max = RowReductions.max(values, from, n);
      if (max == Float.NEGATIVE_INFINITY) {
        max = 0f;
      }
      for (int c = 0; c < n; c++) {
        shifted[r * n + c] = scale * (values[from + c] - max);
      }
    }
    System.arraycopy(shifted, 0, values, base, n * n);
    FloatExp.reduceInPlace(values, base, base + n * n);
    for (int r = 0; r < n; r++) {
      int from = base + r * n;
      float s0 = 0f;
      float s1 = 0f;
      int c = 0;
      for (; c + 1 < n; c += 2) {
        float e0 = FloatExp.fromReduced(values[from + c], shifted[r * n + c]);
        float e1 = FloatExp.fromReduced(values[from + c + 1], shifted[r * n + c + 1]);
        values[from + c] = e0;
        values[from + c + 1] = e1;
        s0 += e0;
        s1 += e1;
      }
      for (; c < n; c++) {
        float e = FloatExp.fromReduced(values[from + c], shifted[r * n + c]);
        values[from + c] = e;
        s0 += e;
      }
      float inverse = 1f / (s0 + s1);
      for (c = 0; c < n; c++) {
        values[from + c] *= inverse;
      }
    }
  }
}
