package dev.lamina;

import dev.lamina.format.TensorFormatter;
import dev.lamina.kernels.Shapes;
import dev.lamina.kernels.Strided;
import dev.lamina.ops.Abs;
import dev.lamina.ops.Add;
import dev.lamina.ops.Cat;
import dev.lamina.ops.Div;
import dev.lamina.ops.Exp;
import dev.lamina.ops.Expand;
import dev.lamina.ops.Log;
import dev.lamina.ops.LogSoftmaxOp;
import dev.lamina.ops.MatMul;
import dev.lamina.ops.MaxAlong;
import dev.lamina.ops.Mul;
import dev.lamina.ops.Neg;
import dev.lamina.ops.Permute;
import dev.lamina.ops.Pow;
import dev.lamina.ops.ReluOp;
import dev.lamina.ops.Reshape;
import dev.lamina.ops.SigmoidOp;
import dev.lamina.ops.Slice;
import dev.lamina.ops.Sqrt;
import dev.lamina.ops.Sub;
import dev.lamina.ops.Sum;
import dev.lamina.ops.TanhOp;
import java.util.Arrays;

/**
 * An n-dimensional array of {@code float}s that records the operations applied to it, so that
 * {@link #backward()} can compute gradients.
 *
 * <p>Row-major, any rank (a rank-0 tensor holds one value), with PyTorch's broadcasting rules for
 * element-wise operations. A tensor may be a view of another's storage: {@link #transpose},
 * {@link #permute}, {@link #slice}, {@link #unsqueeze} and {@link #reshape} of a contiguous tensor
 * share memory, and matrix products hand transposed views to BLAS without copying.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(new float[][] {{1, 2}, {3, 4}}).requiresGrad(true);
 * Tensor loss = x.matmul(x).relu().sum();
 * loss.backward();
 * x.grad();   // d loss / d x
 * }</pre>
 *
 * <p>Tensors are not thread-safe, with one exception: backward passes may run on several threads
 * over graphs that share leaves (a model's parameters), since each leaf adds every contribution to
 * its gradient under its own lock. Values of a tensor that takes part in a recorded graph must not
 * be changed before {@code backward} has run.
 */
public final class Tensor {
  private final float[] data;
  private final int offset;
  private final int[] shape;
  private final int[] strides;
  private final boolean contiguous;

  private boolean requiresGrad;
  private Function gradFn;
  private Tensor grad;
  /** The gradient was cleared: {@link #grad} is kept only as storage for the next backward. */
  private boolean gradCleared;

  private Tensor(float[] data, int offset, int[] shape, int[] strides) {
    this.data = data;
    this.offset = offset;
    this.shape = shape;
    this.strides = strides;
    this.contiguous = isRowMajor(shape, strides);
  }

  // ---------------------------------------------------------------- creation

  /** A 1-d tensor holding a copy of {@code values}. */
  public static Tensor of(float... values) {
    return new Tensor(values.clone(), 0, new int[] {values.length}, new int[] {1});
  }

  /** A tensor of {@code shape} holding a copy of the row-major {@code data}. */
  public static Tensor of(float[] data, int... shape) {
    checkLength(data.length, shape);
    return wrap(data.clone(), shape);
  }

  /** A 2-d tensor from rows of equal length. */
  public static Tensor of(float[][] rows) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    float[] data = new float[rows.length * cols];
    for (int r = 0; r < rows.length; r++) {
      if (rows[r].length != cols) {
        throw new IllegalArgumentException(
            "row " + r + " has " + rows[r].length + " values, expected " + cols + " as in row 0");
      }
      System.arraycopy(rows[r], 0, data, r * cols, cols);
    }
    return wrap(data, rows.length, cols);
  }

  /** A 3-d tensor from nested arrays of equal lengths. */
  public static Tensor of(float[][][] blocks) {
    Tensor[] parts = new Tensor[blocks.length];
    for (int i = 0; i < blocks.length; i++) {
      parts[i] = of(blocks[i]);
    }
    if (parts.length == 0) {
      return zeros(0, 0, 0);
    }
    return stack(0, parts);
  }

  /** A rank-0 tensor holding {@code value}. */
  public static Tensor scalar(float value) {
    return new Tensor(new float[] {value}, 0, new int[0], new int[0]);
  }

  /**
   * A tensor that uses {@code data} as its storage, without copying: for op implementations and
   * loaders that have just filled a fresh array.
   *
   * <p>Internal: the caller must not touch {@code data} afterwards. Users make tensors with
   * {@link #of}, {@link #zeros}, {@link #rand} and the like, which copy.
   */
  public static Tensor wrap(float[] data, int... shape) {
    checkLength(data.length, shape);
    int[] s = shape.clone();
    return new Tensor(data, 0, s, Shapes.contiguousStrides(s));
  }

  /**
   * A view of {@code data} with explicit strides and offset; for op implementations.
   *
   * <p>Internal: nothing checks that the strides stay inside {@code data}.
   */
  public static Tensor strided(float[] data, int offset, int[] shape, int[] strides) {
    if (shape.length != strides.length) {
      throw new IllegalArgumentException(
          "shape " + Shapes.format(shape) + " and strides " + Arrays.toString(strides)
              + " differ in rank");
    }
    return new Tensor(data, offset, shape.clone(), strides.clone());
  }

  /** Zeros of {@code shape}. */
  public static Tensor zeros(int... shape) {
    return wrap(new float[Shapes.numel(shape)], shape);
  }

  /** Ones of {@code shape}. */
  public static Tensor ones(int... shape) {
    return full(1f, shape);
  }

  /** {@code value} everywhere in {@code shape}. */
  public static Tensor full(float value, int... shape) {
    float[] data = new float[Shapes.numel(shape)];
    Arrays.fill(data, value);
    return wrap(data, shape);
  }

  /** {@code 0, 1, ..., end - 1}, as {@code torch.arange(end)}. */
  public static Tensor arange(int end) {
    return arange(0, end, 1);
  }

  /**
   * {@code start, start + step, ...} below {@code end} (above it for a negative step), as
   * {@code torch.arange}: {@code ceil((end - start) / step)} values {@code start + i · step},
   * computed in double precision.
   *
   * @throws IllegalArgumentException when {@code step} is 0 or NaN, {@code start} or {@code end} is
   *     not finite, {@code step} leads away from {@code end}, or there would be more values than a
   *     tensor can hold; PyTorch refuses the same
   */
  public static Tensor arange(float start, float end, float step) {
    if (step == 0 || Float.isNaN(step)) {
      throw new IllegalArgumentException("arange: step must be a non-zero number, got " + step);
    }
    if (!Float.isFinite(start) || !Float.isFinite(end)) {
      throw new IllegalArgumentException(
          "arange: start and end must be finite, got " + start + " and " + end);
    }
    if (step > 0 ? end < start : end > start) {
      throw new IllegalArgumentException(
          "arange: a step of " + step + " leads away from " + end + " when starting at " + start);
    }
    double count = Math.ceil(((double) end - start) / step);
    if (count > Shapes.MAX_ELEMENTS) {
      throw new IllegalArgumentException(
          "arange: from " + start + " to " + end + " by " + step + " makes "
              + String.format("%.0f", count) + " values, more than a tensor can hold ("
              + Shapes.MAX_ELEMENTS + ")");
    }
    int n = (int) count;
    float[] data = new float[n];
    for (int i = 0; i < n; i++) {
      data[i] = (float) (start + (double) i * step);
    }
    return wrap(data, n);
  }

  /** Uniform samples in [0, 1) from the global generator, as {@code torch.rand}. */
  public static Tensor rand(int... shape) {
    return rand(Generator.global(), shape);
  }

  /** Uniform samples in [0, 1) from {@code generator}. */
  public static Tensor rand(Generator generator, int... shape) {
    float[] data = new float[Shapes.numel(shape)];
    for (int i = 0; i < data.length; i++) {
      data[i] = generator.nextUniform();
    }
    return wrap(data, shape);
  }

  /** Standard normal samples from the global generator, as {@code torch.randn}. */
  public static Tensor randn(int... shape) {
    return randn(Generator.global(), shape);
  }

  /** Standard normal samples from {@code generator}. */
  public static Tensor randn(Generator generator, int... shape) {
    float[] data = new float[Shapes.numel(shape)];
    for (int i = 0; i < data.length; i++) {
      data[i] = generator.nextNormal();
    }
    return wrap(data, shape);
  }

  /** A new tensor of zeros with this tensor's shape. */
  public Tensor zerosLike() {
    return zeros(shape);
  }

  // ---------------------------------------------------------------- reading

  /** The sizes of the dimensions (a copy). */
  public int[] shape() {
    return shape.clone();
  }

  /** The size of dimension {@code dim} (negative counts from the end). */
  public int size(int dim) {
    if (shape.length == 0) {
      throw new IndexOutOfBoundsException(
          "size: dimension " + dim + " was requested but a rank-0 tensor has no dimensions");
    }
    return shape[Shapes.normalizeDim("size", dim, shape.length)];
  }

  /** The number of dimensions; 0 for a scalar. */
  public int dim() {
    return shape.length;
  }

  /** The number of elements. */
  public int numel() {
    return Shapes.numel(shape);
  }

  /** The only value of a one-element tensor. */
  public float item() {
    int n = numel();
    if (n != 1) {
      throw new IllegalStateException(
          "item() needs a tensor with exactly one element, but this one has " + n
              + " elements (shape " + Shapes.format(shape) + ")");
    }
    return data[offset];
  }

  /** The value at {@code index} (one entry per dimension). */
  public float get(int... index) {
    return data[position(index)];
  }

  /**
   * Sets the value at {@code index}. Only for tensors outside any recorded graph, such as data being
   * prepared; changing a parameter belongs in a {@link NoGrad} scope.
   */
  public void set(float value, int... index) {
    if (gradFn != null) {
      throw new IllegalStateException(
          "set: cannot change a tensor computed by " + gradFn.name() + "; its graph would be wrong");
    }
    data[position(index)] = value;
  }

  /** A row-major copy of the values. */
  public float[] toFloatArray() {
    if (contiguous) {
      return Arrays.copyOfRange(data, offset, offset + numel());
    }
    return Strided.toContiguous(data, offset, shape, strides);
  }

  /**
   * The backing array, shared with every view of it; for op kernels, read through {@link #stride()}.
   *
   * <p>Internal: writing to it bypasses autograd. Users read values with {@link #toFloatArray()}.
   */
  public float[] storage() {
    return data;
  }

  /** Where element {@code [0, ..., 0]} sits in {@link #storage()}. */
  public int storageOffset() {
    return offset;
  }

  /** How far apart neighbours are in {@link #storage()}, per dimension (a copy). */
  public int[] stride() {
    return strides.clone();
  }

  /** Whether the elements are laid out row-major, without gaps, from {@link #storageOffset()}. */
  public boolean isContiguous() {
    return contiguous;
  }

  /** This tensor if it is contiguous, else a row-major copy (through which gradients flow). */
  public Tensor contiguous() {
    return contiguous ? this : Reshape.copy(this);
  }

  // ---------------------------------------------------------------- autograd

  /** Whether gradients with respect to this tensor are computed. */
  public boolean requiresGrad() {
    return requiresGrad;
  }

  /**
   * Marks a leaf tensor (one not computed from others) as wanting a gradient; returns this tensor.
   */
  public Tensor requiresGrad(boolean requiresGrad) {
    if (gradFn != null && !requiresGrad) {
      throw new IllegalStateException(
          "requiresGrad(false) on a tensor computed by " + gradFn.name()
              + "; use detach() to get a tensor outside the graph");
    }
    this.requiresGrad = requiresGrad;
    return this;
  }

  /**
   * The accumulated gradient of a leaf tensor, or {@code null} before any {@code backward} and
   * after it was cleared.
   */
  public synchronized Tensor grad() {
    return gradCleared ? null : grad;
  }

  /**
   * Replaces the accumulated gradient; {@code null} clears it. A cleared gradient's storage is
   * reused by the next {@code backward}, which writes the new gradient into it (as PyTorch's
   * {@code zero_grad(set_to_none=False)} does): copy a gradient that must outlive that.
   */
  public synchronized void setGrad(Tensor grad) {
    if (grad == null) {
      gradCleared = this.grad != null;
      return;
    }
    if (!Arrays.equals(grad.shape, shape)) {
      throw new IllegalArgumentException(
          "setGrad: gradient of shape " + Shapes.format(grad.shape) + " for a tensor of shape "
              + Shapes.format(shape));
    }
    this.grad = grad;
    this.gradCleared = false;
  }

  /** The gradient's storage, allocated (and marked cleared) if there is none; for {@link LeafGradient}. */
  synchronized Tensor gradBuffer() {
    if (grad == null) {
      grad = zeros(shape);
      gradCleared = true;
    }
    return grad;
  }

  /**
   * Has {@code contribution} written into the gradient buffer {@code buffer} (from
   * {@link #gradBuffer}) while holding this leaf's lock, as {@link #accumulateGrad} adds, so that
   * backward passes on several threads sharing this leaf lose no contribution.
   */
  synchronized void writeGrad(Tensor buffer, LeafGradient.Contribution contribution) {
    if (buffer != grad) {
      throw new IllegalStateException(
          "the gradient of a tensor of shape " + Shapes.format(shape)
              + " was replaced with setGrad while a backward pass was writing it");
    }
    contribution.writeInto(buffer.data, buffer.offset, gradCleared ? 0f : 1f);
    gradCleared = false;
  }

  /** The op that computed this tensor, or {@code null} for a leaf. */
  public Function gradFn() {
    return gradFn;
  }

  /** Whether this tensor was created by the user rather than computed by a recorded op. */
  public boolean isLeaf() {
    return gradFn == null;
  }

  /** A tensor sharing this one's values but outside the graph: no gradient flows through it. */
  public Tensor detach() {
    return new Tensor(data, offset, shape, strides);
  }

  /** Computes the gradient of this scalar with respect to every leaf that requires one. */
  public void backward() {
    if (numel() != 1) {
      throw new IllegalStateException(
          "backward() needs a scalar output (PyTorch: grad can be implicitly created only for"
              + " scalar outputs), but this tensor has shape " + Shapes.format(shape)
              + "; reduce it first (sum(), mean()) or pass the gradient: backward(gradient)");
    }
    backward(ones(shape));
  }

  /** Computes vector-Jacobian products: {@code gradient} is d loss / d this, of this shape. */
  public void backward(Tensor gradient) {
    if (!requiresGrad) {
      throw new IllegalStateException(
          "backward: this tensor does not require grad and has no grad_fn; no input of the"
              + " computation had requiresGrad(true), or it ran in a NoGrad scope");
    }
    if (!Arrays.equals(gradient.shape, shape)) {
      throw new IllegalArgumentException(
          "backward: gradient has shape " + Shapes.format(gradient.shape)
              + " but this tensor has shape " + Shapes.format(shape));
    }
    Autograd.backward(this, gradient.detach());
  }

  void attach(Function fn) {
    this.gradFn = fn;
    this.requiresGrad = true;
  }

  /** Adds {@code g} to the gradient, under this leaf's lock (see {@link #writeGrad}). */
  synchronized void accumulateGrad(Tensor g) {
    if (grad == null) {
      grad = g.copy();
    } else if (gradCleared) {
      grad.copyFrom(g);
    } else {
      grad.addInPlace(g);
    }
    gradCleared = false;
  }

  /** A contiguous copy with its own storage, outside the graph. */
  public Tensor copy() {
    return wrap(toFloatArray(), shape);
  }

  /** Adds {@code other} (broadcast to this shape) into this tensor's storage, outside the graph. */
  public void addInPlace(Tensor other) {
    axpyInPlace(1f, other);
  }

  /** {@code this += alpha * other}, outside the graph; {@code other} broadcasts to this shape. */
  public void axpyInPlace(float alpha, Tensor other) {
    if (!Arrays.equals(Shapes.broadcast("axpyInPlace", shape, other.shape), shape)) {
      throw new IllegalArgumentException(
          "axpyInPlace: shape " + Shapes.format(other.shape) + " does not broadcast to "
              + Shapes.format(shape));
    }
    float[] src;
    int srcOffset;
    if (other.contiguous && Arrays.equals(shape, other.shape)) {
      src = other.data;
      srcOffset = other.offset;
    } else {
      src = Strided.toContiguous(other.data, other.offset, shape,
          Shapes.broadcastStrides(other.shape, other.strides, shape));
      srcOffset = 0;
    }
    int n = numel();
    if (contiguous) {
      for (int i = 0; i < n; i++) {
        data[offset + i] += alpha * src[srcOffset + i];
      }
    } else {
      float[] mine = toFloatArray();
      for (int i = 0; i < n; i++) {
        mine[i] += alpha * src[srcOffset + i];
      }
      Strided.copy(mine, 0, shape, Shapes.contiguousStrides(shape), data, offset, strides);
    }
  }

  /** Fills this tensor's storage with {@code value}, outside the graph. */
  public void fill(float value) {
    if (contiguous) {
      Arrays.fill(data, offset, offset + numel(), value);
    } else {
      Tensor filled = full(value, shape);
      Strided.copy(filled.data, 0, shape, filled.strides, data, offset, strides);
    }
  }

  /** Copies {@code source}'s values (same shape) into this tensor's storage, outside the graph. */
  public void copyFrom(Tensor source) {
    if (!Arrays.equals(source.shape, shape)) {
      throw new IllegalArgumentException(
          "copyFrom: source has shape " + Shapes.format(source.shape) + ", expected "
              + Shapes.format(shape));
    }
    Strided.copy(source.data, source.offset, shape, source.strides, data, offset, strides);
  }

  // ---------------------------------------------------------------- element-wise

  /** {@code this + other}, broadcasting. */
  public Tensor add(Tensor other) {
    return Add.apply(this, other);
  }

  /** {@code this + value}. */
  public Tensor add(float value) {
    return Add.apply(this, scalar(value));
  }

  /** {@code this - other}, broadcasting. */
  public Tensor sub(Tensor other) {
    return Sub.apply(this, other);
  }

  /** {@code this - value}. */
  public Tensor sub(float value) {
    return Sub.apply(this, scalar(value));
  }

  /** {@code this * other} element-wise, broadcasting. */
  public Tensor mul(Tensor other) {
    return Mul.apply(this, other);
  }

  /** {@code this * value}. */
  public Tensor mul(float value) {
    return Mul.apply(this, scalar(value));
  }

  /** {@code this / other} element-wise, broadcasting. */
  public Tensor div(Tensor other) {
    return Div.apply(this, other);
  }

  /** {@code this / value}. */
  public Tensor div(float value) {
    return Div.apply(this, scalar(value));
  }

  /** {@code -this}. */
  public Tensor neg() {
    return Neg.apply(this);
  }

  /** {@code this ^ exponent} element-wise. */
  public Tensor pow(float exponent) {
    return Pow.apply(this, exponent);
  }

  /** Square root element-wise. */
  public Tensor sqrt() {
    return Sqrt.apply(this);
  }

  /** {@code e ^ this} element-wise. */
  public Tensor exp() {
    return Exp.apply(this);
  }

  /** Natural logarithm element-wise. */
  public Tensor log() {
    return Log.apply(this);
  }

  /** Absolute value element-wise; the gradient at 0 is 0, as PyTorch's. */
  public Tensor abs() {
    return Abs.apply(this);
  }

  /** {@code max(this, 0)} element-wise; the gradient at 0 is 0. */
  public Tensor relu() {
    return ReluOp.apply(this);
  }

  /** {@code 1 / (1 + e^-this)} element-wise. */
  public Tensor sigmoid() {
    return SigmoidOp.apply(this);
  }

  /** Hyperbolic tangent element-wise. */
  public Tensor tanh() {
    return TanhOp.apply(this);
  }

  /** {@code exp(x_i) / sum_j exp(x_j)} along {@code dim}, computed as {@code exp(logSoftmax(dim))}. */
  public Tensor softmax(int dim) {
    return logSoftmax(dim).exp();
  }

  /** {@code x_i - log(sum_j exp(x_j))} along {@code dim}, stable for large inputs. */
  public Tensor logSoftmax(int dim) {
    return LogSoftmaxOp.apply(this, dim);
  }

  // ---------------------------------------------------------------- reductions

  /** The sum of all elements, as a rank-0 tensor. */
  public Tensor sum() {
    return Sum.apply(this, allDims(), false);
  }

  /** The sum over {@code dim}, which is removed unless {@code keepDim}. */
  public Tensor sum(int dim, boolean keepDim) {
    return Sum.apply(this, new int[] {dim}, keepDim);
  }

  /** The sum over several dimensions; none means all of them, as in PyTorch 1.13. */
  public Tensor sum(int[] dims, boolean keepDim) {
    return Sum.apply(this, dims, keepDim);
  }

  /** The mean of all elements, as a rank-0 tensor. */
  public Tensor mean() {
    return Sum.mean(this, allDims(), false);
  }

  /** The mean over {@code dim}. */
  public Tensor mean(int dim, boolean keepDim) {
    return mean(new int[] {dim}, keepDim);
  }

  /** The mean over several dimensions; none means all of them, as in PyTorch 1.13. */
  public Tensor mean(int[] dims, boolean keepDim) {
    return Sum.mean(this, dims, keepDim);
  }

  /**
   * The largest element, as a rank-0 tensor; as in PyTorch, the gradient is shared evenly among
   * the elements that hold it.
   */
  public Tensor max() {
    return MaxAlong.valuesSharingTies(reshape(numel()), 0, false);
  }

  /** The largest values along {@code dim}; the gradient goes to the first maximal element. */
  public Tensor max(int dim, boolean keepDim) {
    return MaxAlong.values(this, dim, keepDim);
  }

  /** The index of the largest element of the flattened tensor, as a rank-0 tensor (not differentiable). */
  public Tensor argmax() {
    return reshape(numel()).argmax(0, false);
  }

  /** The indices of the largest values along {@code dim}, as floats (not differentiable). */
  public Tensor argmax(int dim, boolean keepDim) {
    return MaxAlong.indices(this, dim, keepDim);
  }

  /** Sums this tensor down to {@code target}, the reverse of broadcasting {@code target} up to this shape. */
  public Tensor sumToShape(int... target) {
    if (Arrays.equals(shape, target)) {
      return this;
    }
    int extra = shape.length - target.length;
    if (extra < 0) {
      throw new IllegalArgumentException(
          "sumToShape: " + Shapes.format(shape) + " cannot be reduced to the larger rank of "
              + Shapes.format(target));
    }
    int[] dims = new int[shape.length];
    int count = 0;
    for (int d = 0; d < shape.length; d++) {
      if (d < extra || (target[d - extra] == 1 && shape[d] != 1)) {
        dims[count++] = d;
      } else if (target[d - extra] != shape[d]) {
        throw new IllegalArgumentException(
            "sumToShape: " + Shapes.format(shape) + " is not a broadcast of "
                + Shapes.format(target));
      }
    }
    return Sum.apply(this, Arrays.copyOf(dims, count), true).reshape(target);
  }

  // ---------------------------------------------------------------- linear algebra

  /**
   * The matrix product with {@code torch.matmul}'s rules: vector·vector is a dot product, a 1-d
   * operand is treated as a row (left) or a column (right) and that dimension is removed from the
   * result, and leading dimensions of higher-rank operands are batch dimensions that broadcast.
   */
  public Tensor matmul(Tensor other) {
    if (dim() == 0 || other.dim() == 0) {
      throw new IllegalArgumentException(
          "matmul: both arguments must have at least one dimension, got shapes "
              + Shapes.format(shape) + " and " + Shapes.format(other.shape));
    }
    int inner = shape[shape.length - 1];
    int otherInner = other.shape[Math.max(other.shape.length - 2, 0)];
    if (inner != otherInner) {
      throw new IllegalArgumentException(
          "matmul: shapes " + Shapes.format(shape) + " and " + Shapes.format(other.shape)
              + " cannot be multiplied (" + matrixSize(shape) + " and "
              + matrixSize(other.shape) + ")");
    }
    Tensor a = dim() == 1 ? unsqueeze(0) : this;
    Tensor b = other.dim() == 1 ? other.unsqueeze(1) : other;
    Tensor product = MatMul.apply(a, b);
    if (other.dim() == 1) {
      product = product.squeeze(-1);
    }
    if (dim() == 1) {
      product = product.squeeze(product.dim() == 1 ? 0 : -2);
    }
    return product;
  }

  // -- einsum and Fourier transform

  /**
   * Einstein summation with {@code torch.einsum}'s notation: the product of the operands' elements,
   * summed over every label the output does not keep. Differentiable; contractions run on BLAS.
   *
   * <pre>{@code
   * Tensor.einsum("ij,jk->ik", a, b);        // a.matmul(b)
   * Tensor.einsum("ijk,bi,bj->bk", w, x, x); // y[b, k] = Σ_ij w[i, j, k] x[b, i] x[b, j]
   * Tensor.einsum("ii->i", m);               // the diagonal
   * Tensor.einsum("...ij->...ji", t);       // "..." stands for the unlabelled leading dimensions
   * }</pre>
   *
   * Labels are the letters a-z and A-Z; without {@code "->"} the output keeps the labels that occur
   * once, in alphabetical order (capitals first). Dimensions with one label must have equal sizes, or
   * size 1 (broadcast).
   *
   * @throws IllegalArgumentException naming the equation, the operand, the label and both sizes
   */
  public static Tensor einsum(String equation, Tensor... operands) {
    return dev.lamina.ops.Einsum.apply(equation, operands);
  }

  /**
   * The discrete Fourier transform along the last dimension, with the complex result as a trailing
   * dimension of 2 (real, imaginary), as {@code torch.view_as_real(torch.fft.fft(x))}: shape
   * {@code [..., n]} gives {@code [..., n, 2]} with {@code X[k] = Σ_t x[t] e^(-2πi kt/n)}. Any
   * {@code n ≥ 1}; differentiable, also through slices of the result such as the first half of the
   * coefficients, {@code fft().slice(-2, 0, n / 2)}.
   */
  public Tensor fft() {
    return dev.lamina.ops.Fft.apply(this);
  }

  // -- end of einsum and Fourier transform

  /** {@code 3} for a vector, {@code 2x3} for the matrix part of a higher-rank shape. */
  private static String matrixSize(int[] shape) {
    int rank = shape.length;
    return rank == 1 ? String.valueOf(shape[0]) : shape[rank - 2] + "x" + shape[rank - 1];
  }

  /**
   * {@code this · weightᵀ + bias}, PyTorch's {@code F.linear}: this is {@code [..., in]},
   * {@code weight} {@code [out, in]}, {@code bias} {@code [out]} or {@code null}; the result is
   * {@code [..., out]}. One fused op, on BLAS for large sizes.
   */
  public Tensor linear(Tensor weight, Tensor bias) {
    return dev.lamina.ops.Affine.apply(this, weight, bias);
  }

  // ---------------------------------------------------------------- shape

  /**
   * The same values in {@code newShape}; one entry may be -1 (inferred). A view sharing storage
   * when the strides allow (always for a contiguous tensor), else a copy.
   */
  public Tensor reshape(int... newShape) {
    return Reshape.apply(this, inferShape(newShape));
  }

  /** The view with dimensions {@code dim0} and {@code dim1} swapped (no copy). */
  public Tensor transpose(int dim0, int dim1) {
    int rank = shape.length;
    if (rank < 2 && dim0 == dim1) {
      return this;
    }
    int[] order = identity(rank);
    int a = Shapes.normalizeDim("transpose", dim0, rank);
    int b = Shapes.normalizeDim("transpose", dim1, rank);
    order[a] = b;
    order[b] = a;
    return permute(order);
  }

  /** The transpose of a matrix ({@code .T} of a 2-d tensor; a no-op below rank 2). */
  public Tensor t() {
    if (dim() > 2) {
      throw new IllegalArgumentException(
          "t: expects a tensor of at most 2 dimensions, got shape " + Shapes.format(shape)
              + "; use transpose(dim0, dim1)");
    }
    return dim() < 2 ? this : transpose(0, 1);
  }

  /** The view whose dimension {@code i} is this tensor's dimension {@code order[i]} (no copy). */
  public Tensor permute(int... order) {
    return Permute.apply(this, order);
  }

  /** A view with a new dimension of size 1 at {@code dim}. */
  public Tensor unsqueeze(int dim) {
    int rank = shape.length;
    int d = Shapes.normalizeDim("unsqueeze", dim, rank + 1);
    int[] s = new int[rank + 1];
    for (int i = 0, j = 0; i <= rank; i++) {
      s[i] = i == d ? 1 : shape[j++];
    }
    return reshape(s);
  }

  /** Removes every dimension of size 1. */
  public Tensor squeeze() {
    return reshape(Arrays.stream(shape).filter(size -> size != 1).toArray());
  }

  /** Removes dimension {@code dim} if its size is 1 (otherwise returns this tensor, as PyTorch does). */
  public Tensor squeeze(int dim) {
    if (shape.length == 0) {
      return this;
    }
    int d = Shapes.normalizeDim("squeeze", dim, shape.length);
    if (shape[d] != 1) {
      return this;
    }
    int[] s = new int[shape.length - 1];
    for (int i = 0, j = 0; i < shape.length; i++) {
      if (i != d) {
        s[j++] = shape[i];
      }
    }
    return reshape(s);
  }

  /** All dimensions from {@code startDim} on merged into one. */
  public Tensor flatten(int startDim) {
    int start = Shapes.normalizeDim("flatten", startDim, shape.length);
    if (shape.length == 0) {
      return reshape(1);
    }
    int[] s = Arrays.copyOf(shape, start + 1);
    s[start] = Shapes.product(shape, start, shape.length);
    return reshape(s);
  }

  /** This tensor broadcast to {@code newShape} (a view with stride 0 along the new dimensions). */
  public Tensor expand(int... newShape) {
    return Expand.apply(this, newShape);
  }

  /** Elements {@code start, start + 1, ..., end - 1} along {@code dim}, as a view; negative bounds count from the end. */
  public Tensor slice(int dim, int start, int end) {
    return slice(dim, start, end, 1);
  }

  /** Every {@code step}-th element from {@code start} to before {@code end} along {@code dim}, as a view. */
  public Tensor slice(int dim, int start, int end, int step) {
    return Slice.apply(this, dim, start, end, step);
  }

  /** The sub-tensor at {@code index} along {@code dim}, with that dimension removed. */
  public Tensor select(int dim, int index) {
    if (shape.length == 0) {
      throw new IllegalArgumentException("select: cannot select from a rank-0 tensor");
    }
    int d = Shapes.normalizeDim("select", dim, shape.length);
    int size = shape[d];
    if (index < -size || index >= size) {
      throw new IndexOutOfBoundsException(
          "select: index " + index + " is out of range for dimension " + d + " of size " + size);
    }
    int i = index < 0 ? index + size : index;
    return slice(d, i, i + 1).squeeze(d);
  }

  /**
   * Joins tensors along an existing dimension; all other dimensions must match. Vectors of shape
   * {@code [0]} are skipped, as {@code torch.cat} does.
   */
  public static Tensor cat(int dim, Tensor... tensors) {
    return Cat.apply(dim, tensors);
  }

  /** Joins tensors of equal shape along a new dimension {@code dim}. */
  public static Tensor stack(int dim, Tensor... tensors) {
    if (tensors.length == 0) {
      throw new IllegalArgumentException("stack: expects a non-empty list of tensors");
    }
    Tensor[] expanded = new Tensor[tensors.length];
    for (int i = 0; i < tensors.length; i++) {
      if (!Arrays.equals(tensors[i].shape, tensors[0].shape)) {
        throw new IllegalArgumentException(
            "stack: tensor " + i + " has shape " + Shapes.format(tensors[i].shape)
                + " but tensor 0 has shape " + Shapes.format(tensors[0].shape));
      }
      expanded[i] = tensors[i].unsqueeze(dim);
    }
    return cat(dim, expanded);
  }

  // ---------------------------------------------------------------- printing

  /** PyTorch's text: {@code tensor([-2., -1.,  0.,  1.,  2.])}, with its {@code requires_grad}/{@code grad_fn} suffix. */
  @Override
  public String toString() {
    return TensorFormatter.format(this);
  }

  // ---------------------------------------------------------------- internals

  private int[] allDims() {
    return identity(shape.length);
  }

  private static int[] identity(int rank) {
    int[] order = new int[rank];
    for (int i = 0; i < rank; i++) {
      order[i] = i;
    }
    return order;
  }

  private int[] inferShape(int[] requested) {
    int unknown = -1;
    long known = 1;
    for (int i = 0; i < requested.length; i++) {
      if (requested[i] == -1) {
        if (unknown >= 0) {
          throw new IllegalArgumentException(
              "reshape: only one dimension can be -1, got " + Shapes.format(requested));
        }
        unknown = i;
      } else if (requested[i] < 0) {
        throw new IllegalArgumentException(
            "reshape: invalid dimension " + requested[i] + " in " + Shapes.format(requested));
      } else {
        known *= requested[i];
      }
    }
    int n = numel();
    int[] s = requested.clone();
    if (unknown >= 0) {
      if (known == 0 || n % known != 0) {
        throw new IllegalArgumentException(
            "reshape: shape " + Shapes.format(requested) + " is invalid for input of size " + n
                + " (shape " + Shapes.format(shape) + ")");
      }
      s[unknown] = (int) (n / known);
    } else if (known != n) {
      throw new IllegalArgumentException(
          "reshape: shape " + Shapes.format(requested) + " is invalid for input of size " + n
              + " (shape " + Shapes.format(shape) + ")");
    }
    return s;
  }

  private int position(int[] index) {
    if (index.length != shape.length) {
      throw new IllegalArgumentException(
          "index " + Arrays.toString(index) + " has " + index.length
              + " entries for a tensor of shape " + Shapes.format(shape));
    }
    int p = offset;
    for (int d = 0; d < index.length; d++) {
      int i = index[d];
      if (i < -shape[d] || i >= shape[d]) {
        throw new IndexOutOfBoundsException(
            "index " + i + " is out of range for dimension " + d + " of size " + shape[d]
                + " (shape " + Shapes.format(shape) + ")");
      }
      p += (i < 0 ? i + shape[d] : i) * strides[d];
    }
    return p;
  }

  private static boolean isRowMajor(int[] shape, int[] strides) {
    int expected = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      if (shape[d] != 1 && strides[d] != expected) {
        return false;
      }
      expected *= shape[d];
    }
    return true;
  }

  private static void checkLength(int length, int[] shape) {
    int n = Shapes.numel(shape);
    if (n != length) {
      throw new IllegalArgumentException(
          "shape " + Shapes.format(shape) + " needs " + n + " values, got " + length);
    }
  }
}
