package dev.lamina;

/**
 * A recorded operation: the node of the autograd graph that knows how to send the gradient of its
 * output back to its inputs.
 *
 * <p>Each primitive op is one subclass that computes its result in a static {@code apply} and, right
 * below, its {@link #backward}. A composite op (softmax, mean, matmul of vectors) is built from
 * primitives and has no backward of its own.
 *
 * <pre>{@code
 * public final class Exp extends Function {
 *   private static final UnaryKernel EXP = UnaryKernel.of(v -> (float) Math.exp(v));
 *   private final Tensor out;
 *   public static Tensor apply(Tensor x) {
 *     Tensor out = Elementwise.map(x, EXP);
 *     return record(out, new Exp(x, out));
 *   }
 *   protected Tensor[] backward(Tensor grad) { return new Tensor[] {grad.mul(out)}; }
 * }
 * }</pre>
 *
 * <p>An element-wise op's formula is a kernel constant ({@code UnaryKernel}, {@code BinaryKernel}
 * in {@code dev.lamina.kernels}), made once: each kernel is its own copy of the one loop, compiled
 * for that formula.
 */
public abstract class Function {
  private final Tensor[] inputs;

  /** A node over the tensors its output was computed from, in the order {@link #backward} returns. */
  protected Function(Tensor... inputs) {
    this.inputs = inputs;
  }

  /**
   * The gradients of the loss with respect to each input, given the gradient {@code grad} with
   * respect to the output (which has the output's shape). An entry may be {@code null} when that
   * input needs no gradient. Runs with recording off.
   */
  protected abstract Tensor[] backward(Tensor grad);

  /**
   * For an op whose output is a strided window of its one input (a slice, a selected row): where
   * the window lies in a row-major buffer of the input's shape. Backward then adds the output's
   * gradient straight into the input's accumulated gradient, touching the window only, rather than
   * adding the full-size tensor of zeros around it that {@link #backward} returns; a sequence read
   * step by step costs its length, not its length squared. {@code null}, the default, for every
   * other op.
   */
  protected Window gradientWindow() {
    return null;
  }

  /**
   * A strided window into a row-major buffer: element {@code [i0, i1, ...]} of the window is
   * {@code buffer[offset + i0 * strides[0] + i1 * strides[1] + ...]}.
   */
  // The strides array is the window's own, made for it by the op and never changed.
  @SuppressWarnings("ArrayRecordComponent")
  public record Window(int offset, int[] strides) {}

  /** The name shown in {@code grad_fn=<...>}, PyTorch's where there is one (e.g. {@code MeanBackward0}). */
  public String name() {
    return getClass().getSimpleName() + "Backward0";
  }

  final Tensor[] inputs() {
    return inputs;
  }

  /** Whether input {@code i} takes part in the graph, so that its gradient is worth computing. */
  protected final boolean needsGrad(int i) {
    return inputs[i].requiresGrad();
  }

  /**
   * For input {@code i} when it is a leaf that requires a gradient: its contiguous gradient buffer,
   * created if needed, for the op to write its contribution into directly with
   * {@link LeafGradient#write} (and then return {@code null} for that input from
   * {@link #backward}). {@code null} for any other input, or when the leaf's gradient is not a
   * contiguous tensor of its own.
   */
  protected final LeafGradient leafGradient(int i) {
    Tensor input = inputs[i];
    if (!input.requiresGrad() || !input.isLeaf()) {
      return null;
    }
    Tensor buffer = input.gradBuffer();
    return buffer.isContiguous() ? new LeafGradient(input, buffer) : null;
  }

  /**
   * Attaches {@code fn} to {@code out} when recording is on and any input requires a gradient;
   * returns {@code out} either way.
   */
  protected static Tensor record(Tensor out, Function fn) {
    if (recorded(fn.inputs)) {
      out.attach(fn);
    }
    return out;
  }

  /**
   * Whether an op on {@code inputs} is recorded: recording is on and one of them requires a
   * gradient. For an op to skip, when it is not, what only its backward needs.
   */
  protected static boolean recorded(Tensor... inputs) {
    if (!NoGrad.isGradEnabled()) {
      return false;
    }
    for (Tensor input : inputs) {
      if (input.requiresGrad()) {
        return true;
      }
    }
    return false;
  }
}
