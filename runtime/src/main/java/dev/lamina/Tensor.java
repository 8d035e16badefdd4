package dev.lamina;

import dev.lamina.annotations.DType;
import dev.lamina.format.TensorFormatter;
import dev.lamina.kernels.Shapes;
import dev.lamina.kernels.Strided;
import dev.lamina.kernels.Window2d;
import dev.lamina.ops.Abs;
import dev.lamina.ops.Add;
import dev.lamina.ops.BatchNormOp;
import dev.lamina.ops.Cat;
import dev.lamina.ops.Clamp;
import dev.lamina.ops.Div;
import dev.lamina.ops.Erf;
import dev.lamina.ops.Exp;
import dev.lamina.ops.Expand;
import dev.lamina.ops.Extremum;
import dev.lamina.ops.Gelu;
import dev.lamina.ops.GruCell;
import dev.lamina.ops.LayerNormOp;
import dev.lamina.ops.LeakyRelu;
import dev.lamina.ops.Log;
import dev.lamina.ops.LogSoftmaxOp;
import dev.lamina.ops.LogSumExp;
import dev.lamina.ops.LstmCell;
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
import dev.lamina.ops.SoftmaxOp;
import dev.lamina.ops.Softplus;
import dev.lamina.ops.Sqrt;
import dev.lamina.ops.Sub;
import dev.lamina.ops.Sum;
import dev.lamina.ops.TanhOp;
import dev.lamina.ops.Triangle;
import dev.lamina.ops.Variance;
import dev.lamina.shape.OpShapes;
import java.util.Arrays;
import java.util.Locale;

/**
 * An n-dimensional array of {@code float}s that records the operations applied to it, so that
 * {@link #backward()} can compute gradients; or of {@code long}s or booleans (its {@link #dtype()}),
 * which hold indices, counters and masks.
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
 *
 * <p>Element types: a {@link DType#FLOAT32} tensor (every parameter, everything ops compute) keeps
 * its values in a {@code float[]}; an {@link DType#INT64} tensor in a {@code long[]}
 * ({@link #ofLongs}, {@link #arange(long)}); a {@link DType#BOOL} tensor in a {@code boolean[]}
 * ({@link #ofBooleans}), which HotSpot stores in one byte per element as it would a
 * {@code byte[]}, and whose elements cannot be anything but true or false. Views, copies and
 * printing work for every type; arithmetic, reductions and matrix products take float32 only and
 * refuse the others naming the op ({@code matmul: expected float32 tensors, got int64 [3, 4]}), and
 * only float32 tensors can require a gradient. {@link #to} converts explicitly.
 *
 * <pre>{@code
 * Tensor counter = Tensor.zeros(DType.INT64);   // tensor(0), as BatchNorm's num_batches_tracked
 * counter.addInPlace(1);
 * Tensor mask = Tensor.ofBooleans(true, false); // tensor([ True, False])
 * Tensor.arange(3).to(DType.FLOAT32);           // tensor([0., 1., 2.])
 * }</pre>
 */
public final class Tensor {
  /** The float32 values; {@code null} for the other types, so ops that read it refuse them. */
  private final float[] data;
  /** The int64 values, or {@code null}. */
  private final long[] longData;
  /** The bool values, or {@code null}. */
  private final boolean[] booleanData;
  private final DType dtype;
  private final int offset;
  private final int[] shape;
  private final int[] strides;
  private final boolean contiguous;
  /** The workspace step this tensor was computed in, or {@code null}: see {@link Workspace}. */
  private final Workspace.Step step;

  private boolean requiresGrad;
  private Function gradFn;
  private Tensor grad;
  /** The gradient was cleared: {@link #grad} is kept only as storage for the next backward. */
  private boolean gradCleared;

  private Tensor(float[] data, int offset, int[] shape, int[] strides, Workspace.Step step) {
    this(data, null, null, DType.FLOAT32, offset, shape, strides, step);
  }

  private Tensor(float[] data, long[] longData, boolean[] booleanData, DType dtype, int offset,
      int[] shape, int[] strides, Workspace.Step step) {
    this.step = step;
    this.data = data;
    this.longData = longData;
    this.booleanData = booleanData;
    this.dtype = dtype;
    this.offset = offset;
    this.shape = shape;
    this.strides = strides;
    this.contiguous = isRowMajor(shape, strides);
  }

  // ---------------------------------------------------------------- creation

  /** A 1-d tensor holding a copy of {@code values}. */
  public static Tensor of(float... values) {
    return new Tensor(values.clone(), 0, new int[] {values.length}, new int[] {1}, null);
  }

  /** A tensor of {@code shape} holding a copy of the row-major {@code data}. */
  public static Tensor of(float[] data, int... shape) {
    checkLength(data.length, shape);
    return adopt(data.clone(), shape);
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
    return adopt(data, rows.length, cols);
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
    return new Tensor(new float[] {value}, 0, new int[0], new int[0], null);
  }

  /** A 1-d int64 tensor holding a copy of {@code values}, as {@code torch.tensor([1, 2, 3])}. */
  public static Tensor ofLongs(long... values) {
    return wrapLongs(values.clone(), values.length);
  }

  /**
   * An int64 tensor of {@code shape} holding a copy of the row-major {@code data}; an empty shape
   * makes a rank-0 tensor of one value.
   */
  public static Tensor ofLongs(long[] data, int... shape) {
    checkLength(data.length, shape);
    return contiguous(null, data.clone(), null, DType.INT64, shape, null);
  }

  /** A rank-0 int64 tensor holding {@code value}, as {@code torch.tensor(5)}. */
  public static Tensor longScalar(long value) {
    return wrapLongs(new long[] {value});
  }

  /** A 1-d bool tensor holding a copy of {@code values}, as {@code torch.tensor([True, False])}. */
  public static Tensor ofBooleans(boolean... values) {
    return wrapBooleans(values.clone(), values.length);
  }

  /** A bool tensor of {@code shape} holding a copy of the row-major {@code data}. */
  public static Tensor ofBooleans(boolean[] data, int... shape) {
    checkLength(data.length, shape);
    return contiguous(null, null, data.clone(), DType.BOOL, shape, null);
  }

  /** A rank-0 bool tensor holding {@code value}. */
  public static Tensor booleanScalar(boolean value) {
    return wrapBooleans(new boolean[] {value});
  }

  /** An int64 tensor over {@code data} without copying it; the caller hands the array over. */
  static Tensor wrapLongs(long[] data, int... shape) {
    checkLength(data.length, shape);
    return contiguous(null, data, null, DType.INT64, shape, Workspace.openStep());
  }

  /** A bool tensor over {@code data} without copying it; the caller hands the array over. */
  static Tensor wrapBooleans(boolean[] data, int... shape) {
    checkLength(data.length, shape);
    return contiguous(null, null, data, DType.BOOL, shape, Workspace.openStep());
  }

  /**
   * A tensor that uses {@code data} as its storage, without copying: for op implementations that
   * have just computed a fresh array. The tensor belongs to the {@link Workspace} step open on this
   * thread, if there is one, as every tensor ops compute does.
   *
   * <p>Internal: the caller must not touch {@code data} afterwards. Users make tensors with
   * {@link #of}, {@link #zeros}, {@link #rand} and the like, which copy.
   */
  public static Tensor wrap(float[] data, int... shape) {
    checkLength(data.length, shape);
    return contiguous(data, null, null, DType.FLOAT32, shape, Workspace.openStep());
  }

  /**
   * One zero seen through zero strides as a tensor of {@code shape}: the shape of a parameter whose
   * memory is not allocated yet, never part of a {@link Workspace} step.
   */
  static Tensor placeholder(int[] shape) {
    return new Tensor(new float[1], 0, shape.clone(), new int[shape.length], null);
  }

  /**
   * A tensor that uses {@code data} as its storage, without copying, and that never belongs to a
   * {@link Workspace} step: for loaders, optimizers and factories, whose tensors outlive any step.
   *
   * <p>Internal: the caller must not touch {@code data} afterwards.
   */
  public static Tensor adopt(float[] data, int... shape) {
    checkLength(data.length, shape);
    return contiguous(data, null, null, DType.FLOAT32, shape, null);
  }

  /** A row-major tensor over the one array given, with its own copy of {@code shape}. */
  private static Tensor contiguous(float[] data, long[] longData, boolean[] booleanData,
      DType dtype, int[] shape, Workspace.Step step) {
    int[] s = shape.clone();
    return new Tensor(data, longData, booleanData, dtype, 0, s, Shapes.contiguousStrides(s), step);
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
    return new Tensor(data, offset, shape.clone(), strides.clone(), Workspace.openStep());
  }

  /** Zeros of {@code shape}. */
  public static Tensor zeros(int... shape) {
    return adopt(new float[Shapes.numel(shape)], shape);
  }

  /**
   * Zeros (for {@link DType#BOOL}, false) of {@code dtype} and {@code shape}, as
   * {@code torch.zeros(shape, dtype=dtype)}.
   */
  public static Tensor zeros(DType dtype, int... shape) {
    int n = Shapes.numel(shape);
    return switch (dtype) {
      case FLOAT32 -> zeros(shape);
      case INT64 -> wrapLongs(new long[n], shape);
      case BOOL -> wrapBooleans(new boolean[n], shape);
    };
  }

  /** Ones of {@code shape}. */
  public static Tensor ones(int... shape) {
    return full(1f, shape);
  }

  /** {@code value} everywhere in {@code shape}. */
  public static Tensor full(float value, int... shape) {
    float[] data = new float[Shapes.numel(shape)];
    Arrays.fill(data, value);
    return adopt(data, shape);
  }

  /**
   * The int64 values {@code 0, 1, ..., end - 1}, as {@code torch.arange(end)}, whose result is
   * int64 too; none for {@code end == 0}. {@code Tensor.arange(5)} lands here; for floats use
   * {@link #arange(float, float, float)} or {@code to(DType.FLOAT32)}.
   *
   * @throws IllegalArgumentException when {@code end} is negative (PyTorch refuses it too) or there
   *     would be more values than a tensor can hold
   */
  public static Tensor arange(long end) {
    if (end < 0) {
      throw new IllegalArgumentException(
          "arange: a step of 1 leads away from " + end + " when starting at 0");
    }
    if (end > Shapes.MAX_ELEMENTS) {
      throw new IllegalArgumentException(
          "arange: " + end + " values are more than a tensor can hold (" + Shapes.MAX_ELEMENTS
              + ")");
    }
    int n = (int) end;
    long[] values = new long[n];
    for (int i = 0; i < n; i++) {
      values[i] = i;
    }
    return wrapLongs(values, n);
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
    return adopt(data, n);
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
    return adopt(data, shape);
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
    return adopt(data, shape);
  }

  /** A new tensor of zeros with this tensor's shape and dtype. */
  public Tensor zerosLike() {
    return zeros(dtype, shape);
  }

  // ---------------------------------------------------------------- reading

  /** The element type: {@link DType#FLOAT32} unless made as int64 or bool. */
  public DType dtype() {
    return dtype;
  }

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

  /**
   * The only value of a one-element tensor, as a float: for int64 rounded to the nearest float
   * (exact up to 2^24 in magnitude; {@link #longItem()} is exact), for bool 1 or 0, as Python's
   * {@code float(t)}.
   */
  public float item() {
    checkOneElement("item");
    checkLive();
    return data != null ? data[offset] : floatAt(offset);
  }

  /**
   * The only value of a one-element tensor, as a long: int64 exactly, bool as 1 or 0, float32
   * truncated toward zero, as Python's {@code int(t)}.
   *
   * @throws ArithmeticException for a float32 NaN, infinity or value beyond the int64 range, which
   *     have no integer value (Python refuses them too)
   */
  public long longItem() {
    checkOneElement("longItem");
    checkLive();
    return switch (dtype) {
      case INT64 -> longData[offset];
      case BOOL -> booleanData[offset] ? 1 : 0;
      case FLOAT32 -> {
        float value = data[offset];
        if (!(value >= -0x1p63f && value < 0x1p63f)) {
          throw new ArithmeticException(
              "longItem: the float32 value " + value + " has no int64 value");
        }
        yield (long) value;
      }
    };
  }

  /** The value at {@code index} (one entry per dimension), as a float, converted as {@link #item()}. */
  public float get(int... index) {
    checkLive();
    int p = position(index);
    return data != null ? data[p] : floatAt(p);
  }

  /** The value of an int64 tensor at {@code index} (one entry per dimension). */
  public long getLong(int... index) {
    requireDType("getLong", DType.INT64);
    checkLive();
    return longData[position(index)];
  }

  /** The value of a bool tensor at {@code index} (one entry per dimension). */
  public boolean getBoolean(int... index) {
    requireDType("getBoolean", DType.BOOL);
    checkLive();
    return booleanData[position(index)];
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
    float32Data()[position(index)] = value;
  }

  /**
   * A row-major copy of the values of a float32 tensor. An int64 or bool tensor is refused rather
   * than rounded: PyTorch never hands integers out as floats without an explicit {@code .float()},
   * here {@code to(DType.FLOAT32).toFloatArray()}.
   *
   * @throws IllegalArgumentException for an int64 or bool tensor, naming the op that asked
   */
  public float[] toFloatArray() {
    float[] values = float32Data();
    if (contiguous) {
      return Arrays.copyOfRange(values, offset, offset + numel());
    }
    return Strided.toContiguous(values, offset, shape, strides);
  }

  /** A row-major copy of the values of an int64 tensor, as {@code t.tolist()} gives them. */
  public long[] toLongArray() {
    requireDType("toLongArray", DType.INT64);
    checkLive();
    if (contiguous) {
      return Arrays.copyOfRange(longData, offset, offset + numel());
    }
    return TypedData.gather(longData, offset, shape, strides);
  }

  /** A row-major copy of the values of a bool tensor. */
  public boolean[] toBooleanArray() {
    requireDType("toBooleanArray", DType.BOOL);
    checkLive();
    if (contiguous) {
      return Arrays.copyOfRange(booleanData, offset, offset + numel());
    }
    return TypedData.gather(booleanData, offset, shape, strides);
  }

  /**
   * This tensor's values in a new contiguous tensor of {@code target} type, as PyTorch's
   * {@code t.to(dtype)}, or this tensor itself when it already has that type. Float32 to int64
   * truncates toward zero as {@code .long()} does (NaN gives 0 and values beyond the int64 range
   * saturate, where PyTorch's result is undefined); int64 to float32 rounds to the nearest float;
   * to bool is {@code value != 0}; bool to a number is 1 or 0. The result is outside the graph.
   */
  public Tensor to(DType target) {
    return target == dtype ? this : TypedData.convert(this, target);
  }

  /**
   * The backing array of a float32 tensor, shared with every view of it; for op kernels, read
   * through {@link #stride()}.
   *
   * <p>Internal: writing to it bypasses autograd. Users read values with {@link #toFloatArray()}.
   *
   * @throws IllegalArgumentException for an int64 or bool tensor, naming the op that asked for
   *     its data: every float op reads its inputs here or through {@link #toFloatArray()}
   */
  public float[] storage() {
    return float32Data();
  }

  /**
   * The backing array of an int64 tensor, shared with every view of it; for the ops that read
   * indices, through {@link #stride()} from {@link #storageOffset()}.
   *
   * <p>Internal: writing to it bypasses autograd. Users read values with {@link #toLongArray()}.
   *
   * @throws IllegalArgumentException for a float32 or bool tensor
   */
  public long[] longStorage() {
    requireDType("longStorage", DType.INT64);
    checkLive();
    return longData;
  }

  /**
   * A view of this tensor's storage, of whatever type, starting at {@code offset} with
   * {@code shape} and {@code strides}; for the ops that make views (reshape, permute, slice,
   * expand), which thereby work for every dtype.
   *
   * <p>Internal: nothing checks that the strides stay inside the storage.
   */
  public Tensor viewOfStorage(int offset, int[] shape, int[] strides) {
    if (shape.length != strides.length) {
      throw new IllegalArgumentException(
          "shape " + Shapes.format(shape) + " and strides " + Arrays.toString(strides)
              + " differ in rank");
    }
    checkLive();
    return new Tensor(data, longData, booleanData, dtype, offset, shape.clone(), strides.clone(),
        step);
  }

  /** Where element {@code [0, ..., 0]} sits in {@link #storage()}. */
  public int storageOffset() {
    return offset;
  }

  /** How far apart neighbours are in {@link #storage()}, per dimension (a copy). */
  public int[] stride() {
    return strides.clone();
  }

  /**
   * How far apart neighbours along dimension {@code dim} (negative counts from the end) are in
   * {@link #storage()}, as PyTorch's {@code x.stride(dim)}.
   */
  public int stride(int dim) {
    if (shape.length == 0) {
      throw new IndexOutOfBoundsException(
          "stride: dimension " + dim + " was requested but a rank-0 tensor has no dimensions");
    }
    return strides[Shapes.normalizeDim("stride", dim, shape.length)];
  }

  /** Whether {@code other} has this tensor's shape; for autograd, without copying either shape. */
  boolean hasShapeOf(Tensor other) {
    return Arrays.equals(shape, other.shape);
  }

  /** Whether this tensor's shape is {@code sizes}, without copying the shape. */
  boolean hasShape(int[] sizes) {
    return Arrays.equals(shape, sizes);
  }

  /** Whether the elements are laid out row-major, without gaps, from {@link #storageOffset()}. */
  public boolean isContiguous() {
    return contiguous;
  }

  /** This tensor if it is contiguous, else a row-major copy (through which gradients flow). */
  public Tensor contiguous() {
    if (contiguous) {
      return this;
    }
    return dtype == DType.FLOAT32 ? Reshape.copy(this) : copy();
  }

  // ---------------------------------------------------------------- autograd

  /** Whether gradients with respect to this tensor are computed. */
  public boolean requiresGrad() {
    return requiresGrad;
  }

  /**
   * Marks a leaf tensor (one not computed from others) as wanting a gradient; returns this tensor.
   *
   * @throws IllegalStateException for {@code true} on an int64 or bool tensor, which has no
   *     gradient (PyTorch: only Tensors of floating point dtype can require gradients)
   */
  public Tensor requiresGrad(boolean requiresGrad) {
    if (requiresGrad && dtype != DType.FLOAT32) {
      throw new IllegalStateException(
          "requiresGrad: only float32 tensors can require gradients, got " + describe()
              + " (PyTorch: only Tensors of floating point dtype can require gradients)");
    }
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
    if (dtype != DType.FLOAT32 || grad.dtype != DType.FLOAT32) {
      throw new IllegalArgumentException(
          "setGrad: gradients are float32, got a gradient " + grad.describe() + " for a tensor "
              + describe());
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
    checkLive();
    return new Tensor(data, longData, booleanData, dtype, offset, shape, strides, step);
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

  /** A contiguous copy with its own storage, of the same dtype, outside the graph (PyTorch's {@code clone().detach()}). */
  public Tensor copy() {
    return switch (dtype) {
      case FLOAT32 -> adopt(toFloatArray(), shape);
      case INT64 -> contiguous(null, toLongArray(), null, DType.INT64, shape, null);
      case BOOL -> contiguous(null, null, toBooleanArray(), DType.BOOL, shape, null);
    };
  }

  /** Adds {@code other} (broadcast to this shape) into this tensor's storage, outside the graph. */
  public void addInPlace(Tensor other) {
    axpyInPlace(1f, other);
  }

  /**
   * Adds {@code value} to every element of this int64 tensor, outside the graph, as PyTorch's
   * {@code t += value}; sums beyond the int64 range wrap around, as PyTorch's do. A BatchNorm counts
   * its batches with {@code numBatchesTracked.addInPlace(1)}.
   *
   * @throws IllegalArgumentException for a float32 or bool tensor
   */
  public void addInPlace(long value) {
    requireDType("addInPlace", DType.INT64);
    int[] at = TypedData.positions(offset, shape, strides);
    for (int p : at) {
      longData[p] += value;
    }
  }

  /** {@code this += alpha * other}, outside the graph; {@code other} broadcasts to this shape. */
  public void axpyInPlace(float alpha, Tensor other) {
    float[] mine = float32Data();
    float[] theirs = other.float32Data();
    if (!Arrays.equals(Shapes.broadcast("axpyInPlace", shape, other.shape), shape)) {
      throw new IllegalArgumentException(
          "axpyInPlace: shape " + Shapes.format(other.shape) + " does not broadcast to "
              + Shapes.format(shape));
    }
    float[] src;
    int srcOffset;
    if (other.contiguous && Arrays.equals(shape, other.shape)) {
      src = theirs;
      srcOffset = other.offset;
    } else {
      src = Strided.toContiguous(theirs, other.offset, shape,
          Shapes.broadcastStrides(other.shape, other.strides, shape));
      srcOffset = 0;
    }
    int n = numel();
    if (contiguous) {
      for (int i = 0; i < n; i++) {
        mine[offset + i] += alpha * src[srcOffset + i];
      }
    } else {
      float[] sum = toFloatArray();
      for (int i = 0; i < n; i++) {
        sum[i] += alpha * src[srcOffset + i];
      }
      Strided.copy(sum, 0, shape, Shapes.contiguousStrides(shape), mine, offset, strides);
    }
  }

  /** Fills this tensor's storage with {@code value}, outside the graph. */
  public void fill(float value) {
    float[] values = float32Data();
    if (contiguous) {
      Arrays.fill(values, offset, offset + numel(), value);
    } else {
      Tensor filled = full(value, shape);
      Strided.copy(filled.data, 0, shape, filled.strides, values, offset, strides);
    }
  }

  /**
   * Copies {@code source}'s values (same dtype and shape) into this tensor's storage, outside the
   * graph; weight loading fills parameters and buffers this way.
   *
   * @throws IllegalArgumentException naming both dtypes, or both shapes, when they differ
   */
  public void copyFrom(Tensor source) {
    checkLive();
    source.checkLive();
    if (source.dtype != dtype) {
      throw new IllegalArgumentException(
          "copyFrom: source is " + source.describe() + ", expected " + describe()
              + "; convert it with to(DType." + dtype + ")");
    }
    if (!Arrays.equals(source.shape, shape)) {
      throw new IllegalArgumentException(
          "copyFrom: source has shape " + Shapes.format(source.shape) + ", expected "
              + Shapes.format(shape));
    }
    switch (dtype) {
      case FLOAT32 ->
          Strided.copy(source.data, source.offset, shape, source.strides, data, offset, strides);
      case INT64 -> TypedData.scatter(source.toLongArray(), longData, offset, shape, strides);
      case BOOL -> TypedData.scatter(source.toBooleanArray(), booleanData, offset, shape, strides);
    }
  }

  /**
   * Whether {@code other} has the same dtype, the same shape and equal elements, as
   * {@code torch.equal} for tensors of one dtype: float32 elements compare with {@code ==}, so NaN
   * differs from itself and {@code -0.0} equals {@code 0.0}.
   */
  public boolean equal(Tensor other) {
    if (other.dtype != dtype || !Arrays.equals(other.shape, shape)) {
      return false;
    }
    return switch (dtype) {
      case FLOAT32 -> {
        float[] a = toFloatArray();
        float[] b = other.toFloatArray();
        for (int i = 0; i < a.length; i++) {
          if (a[i] != b[i]) {
            yield false;
          }
        }
        yield true;
      }
      case INT64 -> Arrays.equals(toLongArray(), other.toLongArray());
      case BOOL -> Arrays.equals(toBooleanArray(), other.toBooleanArray());
    };
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

  /** {@code exp(x_i) / sum_j exp(x_j)} along {@code dim}, stable for large inputs. */
  public Tensor softmax(int dim) {
    return SoftmaxOp.apply(this, dim);
  }

  /** {@code x_i - log(sum_j exp(x_j))} along {@code dim}, stable for large inputs. */
  public Tensor logSoftmax(int dim) {
    return LogSoftmaxOp.apply(this, dim);
  }

  // ---- activations, reductions, normalization and sequence pieces

  /** The error function {@code erf} element-wise. */
  public Tensor erf() {
    return Erf.apply(this);
  }

  /** The exact GELU, {@code x · Φ(x)} with {@code Φ} the standard normal CDF, element-wise. */
  public Tensor gelu() {
    return Gelu.apply(this, "none");
  }

  /** GELU with PyTorch's {@code approximate}: {@code "none"} (exact) or {@code "tanh"}. */
  public Tensor gelu(String approximate) {
    return Gelu.apply(this, approximate);
  }

  /** {@code log(1 + e^x)} element-wise, as PyTorch's {@code softplus} with beta 1, threshold 20. */
  public Tensor softplus() {
    return Softplus.apply(this, 1f, 20f);
  }

  /**
   * {@code log(1 + e^(beta x)) / beta} element-wise, and {@code x} itself where
   * {@code beta x > threshold}, as PyTorch's {@code softplus(x, beta, threshold)}.
   */
  public Tensor softplus(float beta, float threshold) {
    return Softplus.apply(this, beta, threshold);
  }

  /** {@code x > 0 ? x : 0.01 x} element-wise, PyTorch's default slope. */
  public Tensor leakyRelu() {
    return LeakyRelu.apply(this, 0.01f);
  }

  /** {@code x > 0 ? x : negativeSlope · x} element-wise. */
  public Tensor leakyRelu(float negativeSlope) {
    return LeakyRelu.apply(this, negativeSlope);
  }

  /**
   * {@code min(max(x, min), max)} element-wise; the gradient passes where
   * {@code min <= x <= max}, bounds included, as in PyTorch.
   */
  public Tensor clamp(float min, float max) {
    return Clamp.apply(this, min, max);
  }

  /** {@code max(x, min)} element-wise: {@code clamp} with only a lower bound. */
  public Tensor clampMin(float min) {
    return Clamp.apply(this, min, null);
  }

  /** {@code min(x, max)} element-wise: {@code clamp} with only an upper bound. */
  public Tensor clampMax(float max) {
    return Clamp.apply(this, null, max);
  }

  /**
   * The element-wise larger of this and {@code other}, broadcasting; where they are equal the
   * gradient is split in half between them, as in PyTorch.
   */
  public Tensor maximum(Tensor other) {
    return Extremum.maximum(this, other);
  }

  /**
   * The element-wise smaller of this and {@code other}, broadcasting; ties as for
   * {@link #maximum}.
   */
  public Tensor minimum(Tensor other) {
    return Extremum.minimum(this, other);
  }

  /**
   * {@code log Σ e^x} over {@code dim}, which is removed unless {@code keepDim}; stable for large
   * inputs.
   */
  public Tensor logsumexp(int dim, boolean keepDim) {
    return LogSumExp.apply(this, new int[] {dim}, keepDim);
  }

  /** {@code log Σ e^x} over several dimensions; none means all of them. */
  public Tensor logsumexp(int[] dims, boolean keepDim) {
    return LogSumExp.apply(this, dims, keepDim);
  }

  /**
   * The smallest element, as a rank-0 tensor; as in PyTorch, the gradient is shared evenly among
   * the elements that hold it.
   */
  public Tensor min() {
    return neg().max().neg();
  }

  /** The smallest values along {@code dim}; the gradient goes to the first minimal element. */
  public Tensor min(int dim, boolean keepDim) {
    return neg().max(dim, keepDim).neg();
  }

  /** The variance of all elements with Bessel's correction (divided by {@code n - 1}), rank 0. */
  public Tensor var() {
    return Variance.apply(this, allDims(), 1, false);
  }

  /** The variance over {@code dim} with Bessel's correction, as PyTorch's {@code var(dim)}. */
  public Tensor var(int dim, boolean keepDim) {
    return Variance.apply(this, new int[] {dim}, 1, keepDim);
  }

  /**
   * The variance over {@code dims} (none means all), {@code Σ (x - mean)^2 / (n - correction)}, as
   * PyTorch's {@code var(dims, correction=..., keepdim=...)}: 1 is unbiased, 0 the population's.
   */
  public Tensor var(int[] dims, int correction, boolean keepDim) {
    return Variance.apply(this, dims, correction, keepDim);
  }

  /** The standard deviation of all elements with Bessel's correction, rank 0. */
  public Tensor std() {
    return var().sqrt();
  }

  /** The standard deviation over {@code dim} with Bessel's correction. */
  public Tensor std(int dim, boolean keepDim) {
    return var(dim, keepDim).sqrt();
  }

  /** The square root of {@link #var(int[], int, boolean)}, as PyTorch's {@code std}. */
  public Tensor std(int[] dims, int correction, boolean keepDim) {
    return var(dims, correction, keepDim).sqrt();
  }

  /** The lower triangle of the matrices in the last two dimensions, the rest zero. */
  public Tensor tril() {
    return Triangle.lower(this, 0);
  }

  /**
   * The elements {@code [..., i, j]} with {@code j - i <= diagonal}, the rest zero: 0 keeps the
   * main diagonal and below, 1 also the diagonal above it, -1 starts below it.
   */
  public Tensor tril(int diagonal) {
    return Triangle.lower(this, diagonal);
  }

  /** The upper triangle of the matrices in the last two dimensions, the rest zero. */
  public Tensor triu() {
    return Triangle.upper(this, 0);
  }

  /** The elements {@code [..., i, j]} with {@code j - i >= diagonal}, the rest zero. */
  public Tensor triu(int diagonal) {
    return Triangle.upper(this, diagonal);
  }

  /**
   * Views of consecutive pieces of {@code splitSize} along {@code dim}, the last one smaller when
   * the size does not divide, as PyTorch's {@code split(splitSize, dim)}.
   *
   * @throws IllegalArgumentException when {@code splitSize} is not positive
   */
  public Tensor[] split(int splitSize, int dim) {
    int d = Shapes.normalizeDim("split", dim, shape.length);
    if (splitSize <= 0) {
      throw new IllegalArgumentException("split: splitSize must be positive, got " + splitSize);
    }
    int size = shape[d];
    int pieces = Math.max(1, (size + splitSize - 1) / splitSize);
    Tensor[] out = new Tensor[pieces];
    for (int i = 0; i < pieces; i++) {
      out[i] = slice(d, i * splitSize, (int) Math.min((long) (i + 1) * splitSize, size));
    }
    return out;
  }

  /**
   * Views of consecutive pieces of the given {@code sizes} along {@code dim}, as PyTorch's
   * {@code split([sizes...], dim)}.
   *
   * @throws IllegalArgumentException when a size is negative or they do not add up to the size of
   *     {@code dim}
   */
  public Tensor[] split(int[] sizes, int dim) {
    int d = Shapes.normalizeDim("split", dim, shape.length);
    long total = 0;
    for (int size : sizes) {
      if (size < 0) {
        throw new IllegalArgumentException("split: sizes must not be negative, got "
            + Arrays.toString(sizes));
      }
      total += size;
    }
    if (total != shape[d]) {
      throw new IllegalArgumentException("split: sizes " + Arrays.toString(sizes) + " add up to "
          + total + ", but dimension " + d + " of shape " + Shapes.format(shape) + " has size "
          + shape[d]);
    }
    Tensor[] out = new Tensor[sizes.length];
    int start = 0;
    for (int i = 0; i < sizes.length; i++) {
      out[i] = slice(d, start, start + sizes[i]);
      start += sizes[i];
    }
    return out;
  }

  /**
   * At most {@code chunks} views along {@code dim}, each of {@code ceil(size / chunks)} elements
   * but the last, as PyTorch's {@code Tensor.chunk}: fewer when the size does not allow that many
   * ({@code 5} in 3 chunks is {@code 2, 2, 1}; {@code 6} in 4 is {@code 2, 2, 2}).
   *
   * @throws IllegalArgumentException when {@code chunks} is not positive
   */
  public Tensor[] chunk(int chunks, int dim) {
    int d = Shapes.normalizeDim("chunk", dim, shape.length);
    if (chunks <= 0) {
      throw new IllegalArgumentException("chunk: chunks must be positive, got " + chunks);
    }
    int size = shape[d];
    if (size == 0) {
      // As PyTorch: an empty dimension gives the asked number of empty pieces.
      Tensor[] empty = new Tensor[chunks];
      for (int i = 0; i < chunks; i++) {
        empty[i] = slice(d, 0, 0);
      }
      return empty;
    }
    return split((int) ((size + (long) chunks - 1) / chunks), d);
  }

  /**
   * This tensor tiled {@code repeats[i]} times along each dimension, as PyTorch's
   * {@code Tensor.repeat}: {@code [2, 3]} repeated {@code (2, 1, 2)} is {@code [2, 2, 6]}; there
   * may be more repeats than dimensions, new ones being added in front. A copy; the gradient sums
   * over the copies.
   *
   * @throws IllegalArgumentException for fewer repeats than dimensions, or a negative one
   */
  public Tensor repeat(int... repeats) {
    int extra = repeats.length - shape.length;
    if (extra < 0) {
      throw new IllegalArgumentException("repeat: " + repeats.length
          + " repeats are fewer than the dimensions of shape " + Shapes.format(shape));
    }
    int[] interleaved = new int[2 * repeats.length];
    int[] tiled = new int[2 * repeats.length];
    int[] result = new int[repeats.length];
    for (int i = 0; i < repeats.length; i++) {
      if (repeats[i] < 0) {
        throw new IllegalArgumentException("repeat: repeats must not be negative, got "
            + Arrays.toString(repeats));
      }
      int size = i < extra ? 1 : shape[i - extra];
      interleaved[2 * i] = 1;
      interleaved[2 * i + 1] = size;
      tiled[2 * i] = repeats[i];
      tiled[2 * i + 1] = size;
      result[i] = Math.multiplyExact(repeats[i], size);
    }
    return reshape(interleaved).expand(tiled).reshape(result);
  }

  /**
   * Layer normalization over the last dimensions, which must equal {@code normalizedShape}, as
   * PyTorch's {@code layer_norm}: {@code (x - mean) / sqrt(var + eps) · weight + bias}, the
   * variance biased; {@code weight} and {@code bias} ({@code normalizedShape}) may be {@code null}.
   */
  public Tensor layerNorm(int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
    return LayerNormOp.apply(this, normalizedShape, weight, bias, eps);
  }

  /**
   * Batch normalization of {@code [N, C]} or {@code [N, C, *]} {@code input} per channel, as
   * PyTorch's {@code batch_norm}: {@code (x - mean) / sqrt(var + eps) · weight + bias}. In
   * training the batch's statistics are used (the biased variance) and {@code runningMean} and
   * {@code runningVar}, when given, are updated in place with {@code momentum} (the unbiased
   * variance); in evaluation the running statistics are used. Any of the four {@code [C]} tensors
   * may be {@code null} in training, the running ones together.
   */
  public static Tensor batchNorm(Tensor input, Tensor runningMean, Tensor runningVar,
      Tensor weight, Tensor bias, boolean training, double momentum, double eps) {
    return BatchNormOp.apply(input, runningMean, runningVar, weight, bias, training, momentum, eps);
  }

  // ---- recurrent cells

  /**
   * One LSTM step after its matrix products, fused: from the gates' shares {@code fromInput} and
   * {@code fromState} {@code [B, 4H]} (gates i, f, g, o, biases included) and the cell
   * {@code [B, H]}, the next hidden state and cell stacked as {@code [2, B, H]}:
   * {@code c' = σ(a_f) c + σ(a_i) tanh(a_g)}, {@code h' = σ(a_o) tanh(c')} with
   * {@code a = fromInput + fromState}. See {@link dev.lamina.ops.LstmCell}.
   */
  public static Tensor lstmCell(Tensor fromInput, Tensor fromState, Tensor cell) {
    return LstmCell.apply(fromInput, fromState, cell);
  }

  /**
   * One GRU step after its matrix products, fused: from the gates' shares {@code fromInput} and
   * {@code fromState} {@code [B, 3H]} (gates r, z, n, biases included) and the state
   * {@code [B, H]}, the next state {@code h' = (1 - z) n + z h} with {@code r = σ(x_r + s_r)},
   * {@code z = σ(x_z + s_z)}, {@code n = tanh(x_n + r s_n)}. See {@link dev.lamina.ops.GruCell}.
   */
  public static Tensor gruCell(Tensor fromInput, Tensor fromState, Tensor state) {
    return GruCell.apply(fromInput, fromState, state);
  }

  // ---- attention

  /**
   * Scaled dot-product attention, as PyTorch's {@code F.scaled_dot_product_attention} without
   * dropout: {@code softmax(query key^T / sqrt(E) + mask) value}, for {@code query [..., L, E]},
   * {@code key [..., S, E]} and {@code value [..., S, Ev]}, giving {@code [..., L, Ev]}; the leading
   * dimensions broadcast. A bool {@code attnMask} is true where a query may attend to a key (false
   * becomes -inf); a float one is added to the scores; either broadcasts to {@code [..., L, S]}, and
   * may be null. {@code isCausal} lets query {@code i} attend to keys {@code 0..i} only (a
   * lower-triangular {@code [L, S]} mask). A query whose keys are all masked out gets NaN, as in
   * PyTorch. Built from matmul, masking and softmax, so it is differentiable in all three tensors
   * (and in a float mask).
   *
   * <pre>{@code
   * Tensor.scaledDotProductAttention(q, k, v, null, true);   // causal self-attention
   * }</pre>
   *
   * @throws IllegalArgumentException when {@code attnMask} is given with {@code isCausal}, as
   *     PyTorch refuses it, or when the shapes do not fit
   */
  public static Tensor scaledDotProductAttention(Tensor query, Tensor key, Tensor value,
      Tensor attnMask, boolean isCausal) {
    if (query.dim() < 2 || key.dim() < 2 || value.dim() < 2) {
      throw new IllegalArgumentException("scaledDotProductAttention: query, key and value must"
          + " have at least 2 dimensions, got " + Arrays.toString(query.shape()) + ", "
          + Arrays.toString(key.shape()) + " and " + Arrays.toString(value.shape()));
    }
    int features = query.size(-1);
    if (key.size(-1) != features || key.size(-2) != value.size(-2)) {
      throw new IllegalArgumentException("scaledDotProductAttention: query [..., L, E], key"
          + " [..., S, E] and value [..., S, Ev] do not fit: got " + Arrays.toString(query.shape())
          + ", " + Arrays.toString(key.shape()) + " and " + Arrays.toString(value.shape()));
    }
    if (attnMask != null && isCausal) {
      throw new IllegalArgumentException(
          "scaledDotProductAttention: attnMask must be null when isCausal is true");
    }
    // The scale goes onto the query, L x E values, rather than onto the L x S scores: the same
    // product (PyTorch's MultiheadAttention scales the query too) at a fraction of the work.
    Tensor scores = query.mul((float) (1 / Math.sqrt(features))).matmul(key.transpose(-2, -1));
    Tensor mask = isCausal ? ones(query.size(-2), key.size(-2)).tril().gt(0f) : attnMask;
    if (mask != null && mask.dtype() == DType.BOOL) {
      scores = scores.maskedFill(mask.logicalNot(), Float.NEGATIVE_INFINITY);
    } else if (mask != null) {
      scores = scores.add(mask);
    }
    return scores.softmax(-1).matmul(value);
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

  /**
   * The index of the largest element of the flattened tensor (the first one; NaN counts as the
   * largest), as a rank-0 int64 tensor, as {@code torch.argmax} (not differentiable).
   */
  public Tensor argmax() {
    return reshape(numel()).argmax(0, false);
  }

  /**
   * The indices of the largest values along {@code dim} (the first of equal ones), as an int64
   * tensor, as {@code torch.argmax(dim, keepdim)} (not differentiable).
   */
  public Tensor argmax(int dim, boolean keepDim) {
    return MaxAlong.indices(this, dim, keepDim);
  }

  // ---- comparisons, indices and masks

  /**
   * {@code this == other} element-wise, broadcasting, as a bool tensor; two int64 tensors compare
   * exactly, any other pair as floats (see {@link dev.lamina.ops.Comparison}).
   */
  public Tensor eq(Tensor other) {
    return dev.lamina.ops.Comparison.apply(dev.lamina.ops.Comparison.Relation.EQ, this, other);
  }

  /** {@code this == value} element-wise, as a bool tensor. */
  public Tensor eq(float value) {
    return eq(scalar(value));
  }

  /** {@code this != other} element-wise, broadcasting, as a bool tensor (NaN differs from all). */
  public Tensor ne(Tensor other) {
    return dev.lamina.ops.Comparison.apply(dev.lamina.ops.Comparison.Relation.NE, this, other);
  }

  /** {@code this != value} element-wise, as a bool tensor. */
  public Tensor ne(float value) {
    return ne(scalar(value));
  }

  /** {@code this < other} element-wise, broadcasting, as a bool tensor. */
  public Tensor lt(Tensor other) {
    return dev.lamina.ops.Comparison.apply(dev.lamina.ops.Comparison.Relation.LT, this, other);
  }

  /** {@code this < value} element-wise, as a bool tensor. */
  public Tensor lt(float value) {
    return lt(scalar(value));
  }

  /** {@code this <= other} element-wise, broadcasting, as a bool tensor. */
  public Tensor le(Tensor other) {
    return dev.lamina.ops.Comparison.apply(dev.lamina.ops.Comparison.Relation.LE, this, other);
  }

  /** {@code this <= value} element-wise, as a bool tensor. */
  public Tensor le(float value) {
    return le(scalar(value));
  }

  /** {@code this > other} element-wise, broadcasting, as a bool tensor. */
  public Tensor gt(Tensor other) {
    return dev.lamina.ops.Comparison.apply(dev.lamina.ops.Comparison.Relation.GT, this, other);
  }

  /** {@code this > value} element-wise, as a bool tensor. */
  public Tensor gt(float value) {
    return gt(scalar(value));
  }

  /** {@code this >= other} element-wise, broadcasting, as a bool tensor. */
  public Tensor ge(Tensor other) {
    return dev.lamina.ops.Comparison.apply(dev.lamina.ops.Comparison.Relation.GE, this, other);
  }

  /** {@code this >= value} element-wise, as a bool tensor. */
  public Tensor ge(float value) {
    return ge(scalar(value));
  }

  /** {@code !this} element-wise for a bool tensor, as {@code torch.logical_not}. */
  public Tensor logicalNot() {
    return dev.lamina.ops.Comparison.not(this);
  }

  /** {@code this && other} element-wise for bool tensors, broadcasting. */
  public Tensor logicalAnd(Tensor other) {
    return dev.lamina.ops.Comparison.and(this, other);
  }

  /** {@code this || other} element-wise for bool tensors, broadcasting. */
  public Tensor logicalOr(Tensor other) {
    return dev.lamina.ops.Comparison.or(this, other);
  }

  /**
   * {@code condition ? a : b} element-wise, as {@code torch.where}: a bool {@code condition} and
   * float32 {@code a} and {@code b}, all three broadcasting. Differentiable in {@code a} and
   * {@code b}: each receives the gradient where it was chosen.
   *
   * <pre>{@code
   * Tensor.where(x.gt(0), x, x.mul(0.1f));   // a leaky ReLU
   * }</pre>
   */
  public static Tensor where(Tensor condition, Tensor a, Tensor b) {
    return dev.lamina.ops.Where.apply(condition, a, b);
  }

  /**
   * This tensor with {@code value} where the bool {@code mask} (broadcast to this shape) is true,
   * as {@code masked_fill}; differentiable in this tensor, whose gradient is zero where filled.
   *
   * <pre>{@code
   * scores.maskedFill(padding.unsqueeze(1), Float.NEGATIVE_INFINITY);   // [batch, seq] mask
   * }</pre>
   *
   * @throws IllegalArgumentException when {@code mask} is not bool or does not broadcast to this
   *     shape
   */
  public Tensor maskedFill(Tensor mask, float value) {
    if (!Arrays.equals(Shapes.broadcast("maskedFill", shape, mask.shape), shape)) {
      throw new IllegalArgumentException(
          "maskedFill: mask of shape " + Shapes.format(mask.shape)
              + " does not broadcast to the input's shape " + Shapes.format(shape));
    }
    return dev.lamina.ops.Where.apply(mask, scalar(value), this);
  }

  /**
   * The values picked along {@code dim} by the int64 {@code index}, of the same rank, as
   * {@code torch.gather}: for {@code dim = 1}, {@code out[i][j] = this[i][index[i][j]]}, with
   * {@code index}'s shape. Differentiable (the gradient is scatter-added back).
   *
   * @throws IllegalArgumentException for a non-int64 {@code index}, mismatched shapes, or an
   *     index outside {@code [0, size(dim))}; negative indices are refused, as by PyTorch
   */
  public Tensor gather(int dim, Tensor index) {
    return dev.lamina.ops.Gather.apply(this, dim, index);
  }

  /**
   * The slices along {@code dim} at the 1-d int64 {@code index}, in its order, repeats allowed,
   * as {@code torch.index_select}. Differentiable (the gradient is index-added back).
   *
   * @throws IllegalArgumentException for a non-int64 or multi-dimensional {@code index}, or an
   *     index outside {@code [0, size(dim))}; negative indices are refused, as by PyTorch
   */
  public Tensor indexSelect(int dim, Tensor index) {
    return dev.lamina.ops.IndexSelect.apply(this, dim, index);
  }

  /**
   * The rows of {@code weight} ({@code [numEmbeddings, embeddingDim]}) at the int64 {@code ids},
   * of any shape, as {@code F.embedding(ids, weight)}: shape {@code [...ids' shape,
   * embeddingDim]}. Differentiable in {@code weight}: the gradient of each looked-up row is added
   * into that row of the weight's gradient, in one pass over the ids.
   *
   * <pre>{@code
   * Tensor ids = Tensor.ofLongs(new long[] {1, 2, 4, 5, 4, 3, 2, 9}, 2, 4);
   * Tensor.embedding(ids, Tensor.randn(10, 3));   // [2, 4, 3]
   * }</pre>
   *
   * @throws IllegalArgumentException for float ids ({@code embedding: ids must be int64, got
   *     float32 [4]}), a weight that is not 2-d, or an id outside {@code [0, numEmbeddings)},
   *     naming it and its position
   */
  public static Tensor embedding(Tensor ids, Tensor weight) {
    return dev.lamina.ops.IndexSelect.embedding(ids, weight);
  }

  /**
   * {@link #embedding(Tensor, Tensor)} whose row {@code paddingIdx} gets no gradient, as
   * {@code F.embedding(ids, weight, padding_idx)}; a negative {@code paddingIdx} counts from the
   * end, as PyTorch's.
   */
  public static Tensor embedding(Tensor ids, Tensor weight, int paddingIdx) {
    return dev.lamina.ops.IndexSelect.embedding(ids, weight, paddingIdx);
  }

  // ---- end of comparisons, indices and masks

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
    if (dim() >= 2 && other.dim() >= 2) {
      return MatMul.apply(this, other);
    }
    OpShapes.requireMatmul(shape, other.shape);
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

  // ---- convolution and pooling

  /**
   * The 2-d convolution (cross-correlation) of this {@code [N, C, H, W]} (or unbatched
   * {@code [C, H, W]}, giving {@code [O, outH, outW]}) with {@code weight}
   * {@code [O, C / groups, kh, kw]}, PyTorch's layout, plus {@code bias} {@code [O]} or
   * {@code null}, as PyTorch's {@code F.conv2d(input, weight, bias, stride, padding, dilation,
   * groups)}: the result is {@code [N, O, outH, outW]} with
   * {@code out = floor((in + 2 * padding - dilation * (k - 1) - 1) / stride) + 1}. {@code stride},
   * {@code padding} and {@code dilation} take one entry (both dimensions) or two (height, width);
   * the padding is zeros. Runs on BLAS {@code sgemm} (im2col); see {@link dev.lamina.ops.Convolution}.
   *
   * <pre>{@code
   * Tensor y = x.conv2d(weight, bias, new int[] {2}, new int[] {1}, new int[] {1}, 1);
   * }</pre>
   *
   * @throws IllegalArgumentException naming the shapes or the argument when they do not fit
   */
  public Tensor conv2d(Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation,
      int groups) {
    OpShapes.convolution("conv2d", 2, shape, weight.shape,
        bias == null ? null : bias.shape, groups, Window2d.pair("conv2d", "stride", stride, 1),
        Window2d.pair("conv2d", "padding", padding, 0),
        Window2d.pair("conv2d", "dilation", dilation, 1));
    return convolve(weight, bias, stride, padding, dilation, groups);
  }

  /** The convolution of {@link #conv2d}, its shapes already checked. */
  private Tensor convolve(Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation,
      int groups) {
    return asBatch(3, x -> dev.lamina.ops.Convolution.apply(x, weight, bias, stride, padding,
        dilation, groups));
  }

  /** {@link #conv2d(Tensor, Tensor, int[], int[], int[], int)} with no dilation and one group. */
  public Tensor conv2d(Tensor weight, Tensor bias, int[] stride, int[] padding) {
    return conv2d(weight, bias, stride, padding, new int[] {1}, 1);
  }

  /** {@link #conv2d(Tensor, Tensor, int[], int[], int[], int)} with stride 1 and no padding. */
  public Tensor conv2d(Tensor weight, Tensor bias) {
    return conv2d(weight, bias, new int[] {1}, new int[] {0}, new int[] {1}, 1);
  }

  /**
   * The 1-d convolution of this {@code [N, C, L]} (or unbatched {@code [C, L]}) with {@code weight}
   * {@code [O, C / groups, k]} plus {@code bias} {@code [O]} or {@code null}, PyTorch's
   * {@code F.conv1d}: the result is {@code [N, O, outL]}, {@code outL = floor((L + 2 * padding -
   * dilation * (k - 1) - 1) / stride) + 1}. A composite: {@link #conv2d} over a height of 1.
   */
  public Tensor conv1d(Tensor weight, Tensor bias, int stride, int padding, int dilation,
      int groups) {
    OpShapes.convolution("conv1d", 1, shape, weight.shape,
        bias == null ? null : bias.shape, groups, new int[] {stride}, new int[] {padding},
        new int[] {dilation});
    return asBatch(2, x -> x.unsqueeze(2)
        .convolve(weight.unsqueeze(2), bias, new int[] {1, stride}, new int[] {0, padding},
            new int[] {1, dilation}, groups)
        .squeeze(2));
  }

  /** {@link #conv1d(Tensor, Tensor, int, int, int, int)} with stride 1, no padding, one group. */
  public Tensor conv1d(Tensor weight, Tensor bias) {
    return conv1d(weight, bias, 1, 0, 1, 1);
  }

  /**
   * This tensor padded as PyTorch's {@code F.pad(input, pad, mode, value)}: {@code pads} holds
   * (before, after) pairs from the last dimension backwards, so {@code {1, 1, 2, 2}} adds a column
   * on each side of the last dimension and two rows above and below in the one before.
   * {@code value} fills the new positions in {@link PaddingMode#CONSTANT} mode; a negative pad
   * crops (constant mode only).
   *
   * @throws IllegalArgumentException for pads the mode cannot apply, naming them and the shape
   */
  public Tensor pad(int[] pads, PaddingMode mode, float value) {
    return dev.lamina.ops.Pad.apply(this, pads, mode, value);
  }

  /** {@link #pad(int[], PaddingMode, float)} in {@code mode}; constant mode pads with zeros. */
  public Tensor pad(int[] pads, PaddingMode mode) {
    return pad(pads, mode, 0f);
  }

  /** {@link #pad(int[], PaddingMode, float)} with zeros. */
  public Tensor pad(int... pads) {
    return pad(pads, PaddingMode.CONSTANT, 0f);
  }

  /**
   * Max pooling of this {@code [N, C, H, W]} (or unbatched {@code [C, H, W]}), PyTorch's {@code F.max_pool2d(input, kernel_size,
   * stride, padding, dilation)} with {@code ceil_mode=False}: the largest value of each window,
   * padding counting as {@code -inf}; {@code stride} {@code null} means the kernel size. Each
   * hyperparameter takes one entry (both dimensions) or two; padding at most half the kernel.
   * Backward sends each gradient to the position of its maximum.
   */
  public Tensor maxPool2d(int[] kernel, int[] stride, int[] padding, int[] dilation) {
    return asBatch(3, x -> dev.lamina.ops.MaxPool.apply(x, kernel, stride, padding, dilation));
  }

  /** {@link #maxPool2d(int[], int[], int[], int[])} without dilation. */
  public Tensor maxPool2d(int[] kernel, int[] stride, int[] padding) {
    return maxPool2d(kernel, stride, padding, new int[] {1});
  }

  /** {@link #maxPool2d(int[], int[], int[], int[])} with stride = kernel and no padding. */
  public Tensor maxPool2d(int... kernel) {
    return maxPool2d(kernel, null, new int[] {0}, new int[] {1});
  }

  /**
   * Average pooling of this {@code [N, C, H, W]} (or unbatched {@code [C, H, W]}), PyTorch's {@code F.avg_pool2d(input, kernel_size,
   * stride, padding)} with {@code ceil_mode=False} and {@code count_include_pad=True}: each window's
   * sum divided by {@code kh * kw}, padding counting as zeros; {@code stride} {@code null} means the
   * kernel size.
   */
  public Tensor avgPool2d(int[] kernel, int[] stride, int[] padding) {
    return asBatch(3, x -> dev.lamina.ops.AvgPool.apply(x, kernel, stride, padding));
  }

  /** {@link #avgPool2d(int[], int[], int[])} with stride = kernel and no padding. */
  public Tensor avgPool2d(int... kernel) {
    return avgPool2d(kernel, null, new int[] {0});
  }

  /**
   * Adaptive average pooling of this {@code [N, C, H, W]} to {@code [N, C, outHeight, outWidth]}
   * (or of an unbatched {@code [C, H, W]} to {@code [C, outHeight, outWidth]}),
   * PyTorch's {@code F.adaptive_avg_pool2d}: output row {@code i} averages input rows
   * {@code floor(i * H / outHeight)} to {@code ceil((i + 1) * H / outHeight)} (exclusive), and
   * likewise for columns.
   */
  public Tensor adaptiveAvgPool2d(int outHeight, int outWidth) {
    return asBatch(3, x -> dev.lamina.ops.AdaptiveAvgPool.apply(x, outHeight, outWidth));
  }

  /**
   * {@code op} of this tensor, or, when it has {@code unbatchedRank} dimensions (PyTorch's unbatched
   * input, as {@code [C, H, W]} for an op on {@code [N, C, H, W]}), of it as a batch of one, with
   * that dimension removed again from the result.
   */
  private Tensor asBatch(int unbatchedRank, java.util.function.UnaryOperator<Tensor> op) {
    return dim() == unbatchedRank ? op.apply(unsqueeze(0)).squeeze(0) : op.apply(this);
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
    OpShapes.transpose(shape, dim0, dim1);
    if (rank < 2) {
      return this;
    }
    int[] order = identity(rank);
    int a = dim0 < 0 ? dim0 + rank : dim0;
    int b = dim1 < 0 ? dim1 + rank : dim1;
    order[a] = b;
    order[b] = a;
    return permute(order);
  }

  /** The transpose of a matrix ({@code .T} of a 2-d tensor; a no-op below rank 2). */
  public Tensor t() {
    OpShapes.t(shape);
    return dim() < 2 ? this : permute(1, 0);
  }

  /** The view whose dimension {@code i} is this tensor's dimension {@code order[i]} (no copy). */
  public Tensor permute(int... order) {
    return Permute.apply(this, order);
  }

  /** A view with a new dimension of size 1 at {@code dim}. */
  public Tensor unsqueeze(int dim) {
    return reshape(OpShapes.unsqueeze(shape, dim));
  }

  /** Removes every dimension of size 1. */
  public Tensor squeeze() {
    return reshape(OpShapes.squeeze(shape));
  }

  /** Removes dimension {@code dim} if its size is 1 (otherwise returns this tensor, as PyTorch does). */
  public Tensor squeeze(int dim) {
    int[] squeezed = OpShapes.squeeze(shape, dim);
    return squeezed.length == shape.length ? this : reshape(squeezed);
  }

  /** All dimensions from {@code startDim} on merged into one. */
  public Tensor flatten(int startDim) {
    return reshape(OpShapes.flatten(shape, startDim));
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
    int[][] shapes = new int[tensors.length][];
    for (int i = 0; i < tensors.length; i++) {
      shapes[i] = tensors[i].shape;
    }
    OpShapes.stack(dim, shapes);
    int d = dim < 0 ? dim + tensors[0].shape.length + 1 : dim;
    Tensor[] expanded = new Tensor[tensors.length];
    for (int i = 0; i < tensors.length; i++) {
      expanded[i] = tensors[i].unsqueeze(d);
    }
    return cat(d, expanded);
  }

  // ---------------------------------------------------------------- printing

  /** PyTorch's text: {@code tensor([-2., -1.,  0.,  1.,  2.])}, with its {@code requires_grad}/{@code grad_fn} suffix. */
  @Override
  public String toString() {
    if (step != null && step.isClosed()) {
      return "tensor(<computed in a closed Workspace step>, size=" + Shapes.format(shape) + ")";
    }
    return TensorFormatter.format(this);
  }

  // ---------------------------------------------------------------- internals

  /** {@code int64 [3, 4]}: the dtype, under PyTorch's name, and the shape, for messages. */
  private String describe() {
    return Shapes.describe(dtype, shape);
  }

  /**
   * Refuses to read a tensor of a closed {@link Workspace} step, whose memory may hold another
   * step's values by now.
   */
  private void checkLive() {
    if (step != null && step.isClosed()) {
      throw new IllegalStateException(
          "this " + describe() + " tensor was computed in a Workspace step that has closed, and"
              + " its memory now serves later steps; copy() it inside the step to keep it");
    }
  }

  /** The float32 storage; for any other dtype, the refusal that names the op asking for it. */
  private float[] float32Data() {
    checkLive();
    if (data == null) {
      throw new IllegalArgumentException(
          callingOp() + ": expected float32 tensors, got " + describe());
    }
    return data;
  }

  /**
   * The op the caller invoked: the outermost frame on the stack that is a method of this class or
   * an op class of {@code dev.lamina.ops} (the data accessors {@code storage} and
   * {@code toFloatArray} count only when nothing else does). Every op fetches its float data
   * through {@link #float32Data}, so this one walk, made only on the way to an exception, names
   * {@code matmul} for {@code a.matmul(b)}, {@code softmax} for {@code x.softmax(1)} and
   * {@code Add} for {@code Add.apply(a, b)}, without each op passing its name.
   */
  private static String callingOp() {
    String tensor = Tensor.class.getName();
    String ops = MatMul.class.getPackageName() + ".";
    return StackWalker.getInstance().walk(frames -> {
      String accessor = "a float32 op";
      String op = null;
      for (StackWalker.StackFrame frame : (Iterable<StackWalker.StackFrame>) frames::iterator) {
        String className = frame.getClassName();
        String method = frame.getMethodName();
        if (className.equals(tensor)) {
          if (method.equals("storage") || method.equals("toFloatArray")) {
            accessor = method;
          } else if (!method.equals("float32Data") && !method.equals("callingOp")
              && !method.startsWith("lambda$")) {
            op = method;
          }
        } else if (className.startsWith(ops)) {
          op = className.substring(ops.length()).replaceAll("\\$.*", "");
        }
      }
      return op != null ? op : accessor;
    });
  }

  private void requireDType(String op, DType expected) {
    if (dtype != expected) {
      throw new IllegalArgumentException(
          op + ": expected " + (expected == DType.INT64 ? "an " : "a ")
              + expected.name().toLowerCase(Locale.ROOT) + " tensor, got " + describe());
    }
  }

  private void checkOneElement(String op) {
    int n = numel();
    if (n != 1) {
      throw new IllegalStateException(
          op + "() needs a tensor with exactly one element, but this one has " + n
              + " elements (shape " + Shapes.format(shape) + ")");
    }
  }

  /** The int64 or bool element at storage position {@code p}, as a float. */
  private float floatAt(int p) {
    return dtype == DType.INT64 ? (float) longData[p] : booleanData[p] ? 1f : 0f;
  }

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
    return OpShapes.reshape(shape, requested);
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
